"""The demo's report (run last among the events areas): 崔寨街道's 2020 festival gets the three games' results, a
dozen photos of the day (scenes drawn with Pillow, each with its caption) with six picked for the report, and is
finished through the service with the crowd the office reported. The upcoming festival gets nothing. Idempotent:
what is there is left alone."""

from __future__ import annotations

import io
import random
import shutil
import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from taizhang.events import report, selectors_report
from taizhang.events.models import Event, Session

CROWD = 3200
VILLAGES = ["东辛村队", "西辛村队", "大柳树村队", "崔寨村队", "常旗屯村队", "西营村队"]
PRIZES = ["大米一袋、锦旗一面", "食用油一桶", "毛巾一套"]
# (caption, sky, ground, what stands on it)
SCENES = [
    ("开幕式现场", "#9cc9f0", "#6aa84f", "stage"),
    ("农产品展销区", "#a8d4f5", "#d9b26f", "stalls"),
    ("展销区：黄河大米", "#b3dbf7", "#e0c080", "stalls"),
    ("展销区：莲藕与鲜鱼", "#9fd0f2", "#cfa76a", "stalls"),
    ("群众演出：广场舞", "#f2c38f", "#8e7cc3", "stage"),
    ("群众演出：吕剧选段", "#f5b98a", "#a47cc3", "stage"),
    ("现场采摘：莲蓬", "#bfe3ff", "#4f9a3a", "pond"),
    ("现场采摘：荷塘", "#c4e6ff", "#3f8f3a", "pond"),
    ("趣味运动会：拔河", "#aee0ff", "#c8a165", "field"),
    ("趣味运动会：运粮接力", "#a9dcff", "#c29a5c", "field"),
    ("趣味运动会：两人三足", "#b6e2ff", "#c9a467", "field"),
    ("颁奖仪式", "#9fcaf0", "#b45f5f", "stage"),
]
PICKED = {0, 1, 4, 6, 8, 11}


def _font(size: int):
    """A font with Chinese (the one the PDFs use), else Pillow's own."""
    fc_list = shutil.which("fc-list")
    if fc_list:
        found = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, check=False)
        for line in found.stdout.splitlines():
            try:
                return ImageFont.truetype(line.split(":")[0].strip(), size)
            except OSError:
                continue
    return ImageFont.load_default(size)


def scene(caption: str, sky: str, ground: str, kind: str, rng: random.Random) -> bytes:
    image = Image.new("RGB", (1200, 800), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 480, 1200, 800), fill=ground)
    draw.ellipse((960, 60, 1080, 180), fill="#ffd966")
    if kind == "stalls":
        for n in range(5):
            x = 60 + n * 225
            draw.rectangle((x, 380, x + 180, 520), fill=rng.choice(["#e06666", "#f6b26b", "#6fa8dc", "#93c47d"]))
            draw.polygon([(x - 10, 380), (x + 90, 320), (x + 190, 380)], fill="#cc0000")
    elif kind == "stage":
        draw.rectangle((250, 300, 950, 520), fill="#990000")
        draw.rectangle((280, 330, 920, 500), fill="#f4cccc")
    elif kind == "pond":
        draw.ellipse((150, 520, 1050, 760), fill="#3d85c6")
        for _ in range(14):
            x, y = rng.randint(200, 980), rng.randint(560, 720)
            draw.ellipse((x, y, x + 50, y + 30), fill="#38761d")
    elif kind == "field":
        draw.line((160, 600, 1040, 600), fill="#8b5a2b", width=10)
        draw.rectangle((590, 560, 610, 640), fill="#cc0000")
    for _ in range(18):
        x, y = rng.randint(40, 1140), rng.randint(500, 740)
        draw.ellipse((x, y - 60, x + 24, y - 36), fill="#f1c232")
        draw.rectangle((x + 4, y - 36, x + 20, y), fill=rng.choice(["#0b5394", "#cc0000", "#38761d", "#674ea7"]))
    draw.rectangle((0, 700, 1200, 800), fill="#00000099")
    draw.text((40, 715), caption, fill="white", font=_font(48))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _results(event: Event, rng: random.Random) -> None:
    for session in event.sessions.filter(kind=Session.Kind.GAME).order_by("sort_order"):
        if session.results.exists():
            continue
        entrants = selectors_report.entrant_choices(session)
        entrants += [v for v in rng.sample(VILLAGES, len(VILLAGES)) if v not in entrants]
        placings = [report.Placing(place, entrants[place - 1], "", PRIZES[place - 1]) for place in range(1, 4)]
        report.results_set(actor=None, session=session, placings=placings)


def _photos(event: Event, rng: random.Random) -> None:
    if event.photos.exists():
        return
    added = []
    for caption, sky, ground, kind in SCENES:
        upload = SimpleUploadedFile("scene.jpg", scene(caption, sky, ground, kind, rng), content_type="image/jpeg")
        added += report.photos_add(actor=None, event=event, photos=[upload], caption=caption)
    report.photos_pick(actor=None, event=event, photo_ids={added[n].pk for n in PICKED})


def build(*, past: Event, upcoming: Event, seed: int, today) -> None:
    rng = random.Random(seed)
    _results(past, rng)
    _photos(past, rng)
    if not past.finished:
        report.event_finish(actor=None, event=past, crowd=CROWD)
