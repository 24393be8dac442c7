// Runs site-templates/assets/availability.js in node against a minimal page and a fake service.
// Usage: node availability.test.js PATH/TO/availability.js
// Prints "ok" and exits 0 when the slots are marked as expected; prints the failure and exits 1 otherwise.
"use strict";
const assert = require("assert");
const fs = require("fs");
const vm = require("vm");

function fakeLink(id, startsAt) {
  const left = { textContent: "" };
  const classes = new Set();
  const attributes = { "data-slot-id": id, "data-starts-at": String(startsAt), href: "book/?slot=" + id };
  return {
    left, classes, attributes,
    getAttribute: (name) => (name in attributes ? attributes[name] : null),
    setAttribute: (name, value) => { attributes[name] = String(value); },
    hasAttribute: (name) => name in attributes,
    removeAttribute: (name) => { delete attributes[name]; },
    classList: { add: (name) => classes.add(name) },
    querySelector: (selector) => (selector === ".slot-left" ? left : null),
  };
}

(async () => {
  const now = Date.parse("2026-12-24T12:05:00+09:00");
  const links = {
    started: fakeLink("jipbap.window2.20261224.1200", Date.parse("2026-12-24T12:00:00+09:00")),
    open: fakeLink("jipbap.room6.20261224.1830", Date.parse("2026-12-24T18:30:00+09:00")),
    full: fakeLink("jipbap.window2.20261224.1830", Date.parse("2026-12-24T18:30:00+09:00")),
    unlisted: fakeLink("jipbap.room6.20261226.1830", Date.parse("2026-12-26T18:30:00+09:00")),
  };
  const section = {
    attributes: { "data-service-url": "http://svc.example:8080", "data-restaurant": "jipbap" },
    getAttribute(name) { return this.attributes[name]; },
    hasAttribute(name) { return name in this.attributes; },
    querySelectorAll: () => Object.values(links),
  };
  const context = {
    Date: { now: () => now },
    setInterval: () => 0,
    document: { readyState: "complete", querySelector: (selector) => (selector.startsWith("section.slots") ? section : null) },
    fetch: async (url) => {
      assert.strictEqual(url, "http://svc.example:8080/api/availability?restaurant=jipbap");
      return { ok: true, json: async () => ({ slots: [
        { slotId: links.open.attributes["data-slot-id"], seatsLeft: 5 },
        { slotId: links.full.attributes["data-slot-id"], seatsLeft: 0 },
      ] }) };
    },
  };
  context.window = context;
  vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), context);
  await new Promise((resolve) => setTimeout(resolve, 50));

  assert.strictEqual(links.started.left.textContent, "지난 시간", "a slot that started by the browser's clock");
  assert.strictEqual(links.started.attributes["aria-disabled"], "true");
  assert.strictEqual(links.unlisted.left.textContent, "마감", "a slot the live availability no longer lists");
  assert.strictEqual(links.unlisted.attributes["aria-disabled"], "true");
  assert.strictEqual(links.full.left.textContent, "마감");
  assert.ok(links.full.classes.has("slot-full"));
  for (const closed of [links.started, links.unlisted, links.full]) {
    assert.strictEqual(closed.attributes.href, undefined, "a closed time is no longer a link");
  }
  // The open slot is as before: seats left, not disabled, still a link.
  assert.strictEqual(links.open.left.textContent, "남은 좌석 5석");
  assert.strictEqual(links.open.attributes["aria-disabled"], undefined);
  assert.ok(!links.open.classes.has("slot-full"));
  assert.ok(links.open.attributes.href);
  console.log("ok");
})().catch((error) => {
  console.error("FAILED: " + (error && error.stack || error));
  process.exit(1);
});
