"""A generated content folder with small slots, so holds sell out and guests race for the last seats."""
import datetime
import json
import os
import random

CLIENT_KEY = "test_gck_docs_Ovk5rk1EwkEbP0W43n07xlzm"

# (slug, kind, refund policy, tables (id, seats, deposit per person))
RESTAURANTS = [
    ("chaos-a", "standard", {"fullRefundHoursBefore": 48, "penaltyPercent": 20},
     [("t2", 2, 10000), ("t4", 4, 12000)]),
    ("chaos-b", "premium", {"fullRefundHoursBefore": 24, "penaltyPercent": 40},
     [("t4", 4, 30000), ("t6", 6, 25000)]),
]
TIMES = ["12:00", "18:00", "20:00"]
HOT = ("chaos-a", "chaos-b")
# The rest of the load spreads over many bigger slots, so payments keep flowing all run long.
COLD = ("chaos-c", "standard", {"fullRefundHoursBefore": 72, "penaltyPercent": 10},
        [("t2", 2, 20000), ("t4", 4, 15000)])
COLD_TIMES = [f"{h:02d}:{m:02d}" for h in range(11, 22) for m in (0, 30)]


def write(root, service_url, rng):
    """Writes content/ under `root`.

    Hot slots (chaos-a, chaos-b): tomorrow (inside the 48 h / 24 h windows: cancellations keep a
    penalty, partial refunds) and in four days (full refunds), 6-10 seats each; they sell out in
    seconds and are raced for whenever a hold lapses or a booking is cancelled. Cold slots
    (chaos-c): 440 slots of 8 seats over days 2-11.
    """
    os.makedirs(os.path.join(root, "restaurants"), exist_ok=True)
    with open(os.path.join(root, "site.json"), "w") as f:
        json.dump({"title": "chaos", "baseURL": service_url + "/", "serviceURL": service_url,
                   "timeZone": "Asia/Seoul", "currency": "KRW",
                   "toss": {"clientKey": CLIENT_KEY, "sdkURL": "https://js.tosspayments.com/v2/standard"}},
                  f, ensure_ascii=False)
    seoul = datetime.timezone(datetime.timedelta(hours=9))
    today = datetime.datetime.now(seoul).date()
    days = [today + datetime.timedelta(days=1), today + datetime.timedelta(days=4)]
    for slug, kind, policy, tables in RESTAURANTS:
        explicit = []
        for table_id, seats, _ in tables:
            for day in days:
                for time in TIMES:
                    capacity = rng.choice([6, 8, 10])
                    explicit.append({"table": table_id, "start": f"{day.isoformat()}T{time}", "seats": capacity})
                    slot_id = f"{slug}.{table_id}.{day.strftime('%Y%m%d')}.{time.replace(':', '')}"
        restaurant = {
            "name": f"혼돈 식당 {slug}", "category": "한식", "description": "장애 주입 부하 시험용 식당입니다.",
            "address": "서울특별시 중구 을지로 1", "phone": "02-123-4567", "kind": kind,
            "refundPolicy": policy,
            "tables": [{"id": t, "name": f"{s}인석", "seats": s, "depositPerPerson": d} for t, s, d in tables],
            "slots": explicit,
        }
        with open(os.path.join(root, "restaurants", f"{slug}.json"), "w") as f:
            json.dump(restaurant, f, ensure_ascii=False, indent=1)
    slug, kind, policy, tables = COLD
    first = today + datetime.timedelta(days=2)
    restaurant.update({
        "name": "혼돈 식당 chaos-c", "kind": kind, "refundPolicy": policy,
        "tables": [{"id": t, "name": f"{s}인석", "seats": s, "depositPerPerson": d} for t, s, d in tables],
        "weekly": [{"days": ["mon-sun"], "times": COLD_TIMES, "seats": 8, "from": first.isoformat(),
                    "until": (first + datetime.timedelta(days=9)).isoformat()}],
    })
    del restaurant["slots"]
    with open(os.path.join(root, "restaurants", f"{slug}.json"), "w") as f:
        json.dump(restaurant, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    import sys
    print(write(sys.argv[1], "http://127.0.0.1:1", random.Random(1)))
