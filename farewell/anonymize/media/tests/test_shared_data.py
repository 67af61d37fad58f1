"""Every file of the shared test data is cleaned or refused with a reason: none crashes, none
hangs, and exiftool finds nothing identifying in what was cleaned."""

from collections import Counter

from farewell.anonymize.media.report import REFUSALS
from farewell.testing.media import shared_data
from farewell.testing.sweep import clean_all, files_under

FOLDERS = ("mat2-testdata", "exif-samples", "exiftool-t-images", "gps-video-samples")


def test_every_shared_file_is_cleaned_or_refused_with_a_reason(tmp_path):
    paths = files_under(*(shared_data(folder) for folder in FOLDERS))
    outcomes = clean_all(paths, tmp_path / "out")

    failures = [(o.path.name, o.type, o.refused) for o in outcomes if o.refused in ("crash", "limit")]
    assert failures == [], failures
    assert all(o.refused is None or o.refused in REFUSALS for o in outcomes)
    leftovers = [(o.path.name, o.leftovers) for o in outcomes if o.leftovers]
    assert leftovers == [], leftovers
    cleaned = Counter(o.type for o in outcomes if o.refused is None)
    assert cleaned["image/jpeg"] >= 50 and cleaned["image/heic"] >= 1, cleaned
