"""The same logical site for `yeyak build` and for Hugo (used by Benchmarks/site-vs-hugo.sh).

Usage: site-vs-hugo-content.py WORK N TEMPLATES

Writes WORK/yeyak/content (Yeyak's own input: site.json and one file per restaurant with a
weekly rule, which `yeyak build` expands into 3 tables x 3 times x 14 days = 126 slots) and
WORK/hugo (a Hugo site: one section page per restaurant with its slots in the front matter,
a booking page inside it, the list, the manage and lookup pages, 404, the sitemap and the same
assets).

Hugo cannot expand weekly rules or format Korean labels by itself without far more template
code, so its front matter gets what Yeyak's view models compute: the slots already expanded,
grouped by day, every label ("12월 3일 (목)", "오후 6:00", "10,000원") preformatted. Its
templates only place text and build the booking page's slot JSON, as ours do. That is the
generous choice for Hugo: Yeyak's figure includes expanding the rules and formatting.
"""
import datetime
import json
import os
import shutil
import sys

work, n, templates = sys.argv[1], int(sys.argv[2]), sys.argv[3]
SEOUL = datetime.timezone(datetime.timedelta(hours=9))
first = datetime.datetime.now(SEOUL).date() + datetime.timedelta(days=1)
last = first + datetime.timedelta(days=13)
TIMES = ["12:00", "18:00", "20:00"]
SEATS = (2, 4, 6)
WEEKDAYS = "월화수목금토일"
POLICY = ("방문 24시간 전까지 취소하시면 예약금 전액을 돌려드립니다. "
          "그 이후 취소하시거나 방문하지 않으시면 예약금의 20%를 위약금으로 제하고 나머지를 돌려드립니다.")
CLIENT_KEY = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"
SDK_URL = "https://js.tosspayments.com/v2/standard"


def won(amount):
    return f"{amount:,}원"


def date_label(day):
    return f"{day.month}월 {day.day}일 ({WEEKDAYS[day.weekday()]})"


def time_label(text):
    hour, minute = int(text[:2]), int(text[3:])
    return f"{'오전' if hour < 12 else '오후'} {hour % 12 or 12}:{minute:02d}"


def deposit(seats):
    return 10000 + 5000 * (seats // 4)


def restaurant_file(i):
    return {
        "name": f"식당 {i:04d}", "category": "한식", "description": "벤치마크용으로 만든 식당입니다. " * 3,
        "address": f"서울특별시 중구 을지로 {i}", "phone": "02-123-4567", "kind": "standard",
        "refundPolicy": {"fullRefundHoursBefore": 24, "penaltyPercent": 20},
        "tables": [{"id": f"t{s}", "name": f"{s}인석", "seats": s, "depositPerPerson": deposit(s)} for s in SEATS],
        "weekly": [{"days": ["mon-sun"], "times": TIMES, "from": first.isoformat(), "until": last.isoformat()}],
    }


def view_model(i, source):
    """What RestaurantViewModel computes for restaurant i (basics, tables, party chips, days).

    Every day keeps its slots: the restaurant page shows the first day's, the booking page's
    slot JSON is built from all of them (as `detail` and `bookingDataJSON` do)."""
    slug = f"r{i:04d}"
    days = []
    for offset in range(14):
        day = first + datetime.timedelta(days=offset)
        slots = []
        for time in TIMES:
            hour, minute = int(time[:2]), int(time[3:])
            starts = int(datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL).timestamp() * 1000)
            for seats in SEATS:
                slots.append({
                    "id": f"{slug}.t{seats}.{day:%Y%m%d}.{hour:02d}{minute:02d}", "time": time_label(time),
                    "tableName": f"{seats}인석", "capacity": seats, "maxParty": seats,
                    "deposit": won(deposit(seats)), "depositAmount": deposit(seats), "startsAt": str(starts),
                })
        days.append({"date": date_label(day), "isoDate": day.isoformat(), "first": offset == 0,
                     "monthDay": f"{day.month}월 {day.day}일", "weekday": WEEKDAYS[day.weekday()], "slots": slots})
    deposits = sorted({deposit(s) for s in SEATS})
    return {
        "slug": slug, "name": source["name"], "category": source["category"], "description": source["description"],
        "address": source["address"], "phone": source["phone"], "phoneHref": "tel:021234567",
        "kindLabel": "일반 식당", "refundPolicy": POLICY,
        "depositRange": f"{won(deposits[0])} ~ {won(deposits[-1])}", "slotCount": 126, "hasSlots": True,
        "firstSlot": f"{date_label(first)} {time_label(TIMES[0])}",
        "tables": [{
            "id": f"t{s}", "name": f"{s}인석", "seats": s, "seatsLabel": f"최대 {s}명", "deposit": won(deposit(s)),
            "partySizes": [{"size": k, "label": f"{k}명", "total": won(k * deposit(s))} for k in range(1, s + 1)],
        } for s in SEATS],
        "partySizeChoices": [{"size": k, "label": f"{k}명", "checked": k == 2} for k in range(1, max(SEATS) + 1)],
        "days": days,
    }


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        json.dump(value, file, ensure_ascii=False)


def page(path, front_matter):
    """A Hugo content file with JSON front matter and no body."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        json.dump(front_matter, file, ensure_ascii=False)
        file.write("\n")


site = {"title": "벤치마크", "baseURL": "https://bench.example/", "serviceURL": "https://bench.example",
        "timeZone": "Asia/Seoul", "toss": {"clientKey": CLIENT_KEY, "sdkURL": SDK_URL}}
write_json(f"{work}/yeyak/content/site.json", site)

hugo = f"{work}/hugo"
os.makedirs(hugo, exist_ok=True)
with open(f"{hugo}/hugo.toml", "w") as config:
    config.write('baseURL = "https://bench.example/"\ntitle = "벤치마크"\nlanguageCode = "ko"\n'
                 'disableKinds = ["taxonomy", "term", "rss"]\n'
                 f'[params]\nserviceURL = "https://bench.example"\nclientKey = "{CLIENT_KEY}"\nsdkURL = "{SDK_URL}"\n')
shutil.copytree(f"{os.path.dirname(os.path.abspath(__file__))}/hugo-layouts", f"{hugo}/layouts")
shutil.copytree(f"{templates}/assets", f"{hugo}/static/assets")
page(f"{hugo}/content/_index.md", {"title": "벤치마크", "root": "./"})
page(f"{hugo}/content/restaurants/_index.md", {"title": "식당", "root": "../", "build": {"render": "never"}})
page(f"{hugo}/content/booking/_index.md", {"title": "예약 확인 · 취소", "root": "../", "layout": "manage"})
page(f"{hugo}/content/lookup/_index.md", {"title": "예약 조회", "root": "../", "layout": "lookup"})
for i in range(n):
    source = restaurant_file(i)
    write_json(f"{work}/yeyak/content/restaurants/r{i:04d}.json", source)
    page(f"{hugo}/content/restaurants/r{i:04d}/_index.md",
         {"title": source["name"], "root": "../../", "restaurant": view_model(i, source)})
    page(f"{hugo}/content/restaurants/r{i:04d}/book.md",
         {"title": source["name"] + " 예약", "root": "../../../", "url": f"/restaurants/r{i:04d}/book/"})
