"""Faces in photos are found and hidden irreversibly, on public annotated photos; dogs are not faces."""

import numpy as np
import pytest
from PIL import Image

from farewell.anonymize.media import faces, sandbox
from farewell.testing.faces import COVERED, annotated, hidden_share
from farewell.testing.media import shared_data


@pytest.fixture(scope="module")
def dlib_faces():
    return shared_data("dlib-faces")


def test_nearly_every_annotated_face_is_hidden(dlib_faces):
    found, total = 0, 0
    for name, boxes in annotated(dlib_faces).items():
        image = Image.open(dlib_faces / name).convert("RGB")
        mask = faces.mask(image.size, faces.find(np.asarray(image)))
        found += sum(1 for box in boxes if hidden_share(mask, box) >= COVERED)
        total += len(boxes)
    assert total == 43
    assert found / total >= 0.95, f"{found} of {total} faces hidden"


def test_dogs_are_not_faces(dlib_faces):
    image = Image.open(dlib_faces / "dogs.jpg").convert("RGB")
    assert faces.find(np.asarray(image)) == []


def test_a_cleaned_photo_shows_no_face_any_more_and_says_how_many_it_hid(dlib_faces, tmp_path):
    report = sandbox.run("clean", dlib_faces / "2008_002506.jpg", tmp_path / "out.jpg")
    assert report.refused is None and report.faces == 3
    cleaned = np.asarray(Image.open(tmp_path / "out.jpg").convert("RGB"))
    assert faces.find(cleaned) == []  # what is left does not even look like a face to the detector
    assert sandbox.run("inspect", dlib_faces / "2008_002506.jpg").faces == 3


def test_a_hidden_face_keeps_no_detail(dlib_faces):
    image = Image.open(dlib_faces / "2008_002506.jpg").convert("RGB")
    face = faces.find(np.asarray(image))[0]
    box = face.region(*image.size)
    inner = tuple(int(v) for v in (face.left + 8, face.top + 8, face.right - 8, face.bottom - 8))
    hidden = faces.hide(image, [face]).crop(inner)
    # A 4×4 mosaic, smoothed: no edges left inside the face (a real face has eyes, mouth, nose).
    original_detail = np.abs(np.diff(np.asarray(image.crop(inner).convert("L"), dtype=float), axis=1)).mean()
    hidden_detail = np.abs(np.diff(np.asarray(hidden.convert("L"), dtype=float), axis=1)).mean()
    assert box[2] > box[0] and hidden_detail < original_detail / 4


def test_a_picture_without_faces_is_untouched_by_the_face_step():
    plain = Image.new("RGB", (64, 64), (10, 120, 200))
    assert faces.blur_faces(plain) == (plain, 0)


def test_faces_are_hidden_in_every_frame_of_a_video(dlib_faces, tmp_path):
    import subprocess

    import av

    clip = tmp_path / "clip.mp4"
    photo = str(dlib_faces / "2008_002506.jpg")
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-loop", "1", "-i", photo, "-t", "1", "-r", "10"]
        + ["-vf", "scale=500:374", "-pix_fmt", "yuv420p", str(clip)],
        check=True,
    )
    report = sandbox.run("clean", clip, tmp_path / "out.mp4")
    assert report.refused is None and report.faces == 3
    with av.open(str(tmp_path / "out.mp4")) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    assert len(frames) == 10
    assert all(faces.find(frame) == [] for frame in frames)
