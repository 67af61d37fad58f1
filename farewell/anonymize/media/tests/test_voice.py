"""Voices altered and synthesized with the real programs (rubberband, espeak-ng), and the cleaner's
`--voice alter` judged on the decoded sound and by exiftool."""

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from farewell.anonymize.media import audiovisual, sandbox, voice
from farewell.anonymize.media.report import Refused
from farewell.anonymize.media.tests.test_audiovisual import ffmpeg, ffprobe, leaks
from farewell.testing.media import shared_data

RATE = 16_000
SENTENCE = {
    "ru": "Нас отправили без подготовки, и командир это знал.",
    "en": "They sent us without training, and the commander knew it.",
    "fr": "On nous a envoyés sans préparation, et le commandant le savait.",
    "uk": "Нас відправили без підготовки, і командир це знав.",
}


def harmonic_tone(f0: float, seconds: float = 3.0) -> np.ndarray:
    """A voiced-like tone: harmonics of f0 under one resonance near 800 Hz."""
    t = np.arange(int(seconds * RATE)) / RATE
    harmonics = [k for k in range(1, 60) if k * f0 < 7000]
    x = sum(np.exp(-(((k * f0 - 800) / 400) ** 2)) * np.sin(2 * np.pi * k * f0 * t) for k in harmonics)
    return (0.3 * x / np.abs(x).max()).astype(np.float32)


def fundamental(x: np.ndarray) -> float:
    """f0 by autocorrelation (the first peak near the highest, so no subharmonic wins), edges left out."""
    x = x[RATE // 2 : -RATE // 2].astype(np.float64)
    x -= x.mean()
    spectrum = np.fft.rfft(x, 2 * len(x))
    correlation = np.fft.irfft(np.abs(spectrum) ** 2)[: len(x)]
    low, high = RATE // 500, RATE // 60
    span = correlation[low:high]
    peaks = [
        i for i in range(1, len(span) - 1) if span[i - 1] <= span[i] >= span[i + 1] and span[i] >= 0.8 * span.max()
    ]
    lag = low + peaks[0]
    before, at, after = correlation[lag - 1 : lag + 2]
    return RATE / (lag + 0.5 * (before - after) / (before - 2 * at + after))


def centroid(x: np.ndarray) -> float:
    power = np.abs(np.fft.rfft(x)) ** 2
    return float((power * np.fft.rfftfreq(len(x), 1 / RATE)).sum() / power.sum())


def semitones(ratio: float) -> float:
    return 12 * np.log2(ratio)


def difference(altered: np.ndarray, original: np.ndarray) -> float:
    """How far the waveform moved, relative to the original: ~0 when kept, ~0.8 at the mildest
    McAdams alpha (0.9), ~1.4 when unrelated."""
    return float(np.linalg.norm(altered - original) / np.linalg.norm(original))


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> Path:
    """A few seconds of a synthetic voice (espeak-ng) at 16 kHz, as a WAV."""
    spoken = tmp_path_factory.mktemp("speech") / "spoken.wav"
    voice.synthesize(SENTENCE["ru"] + " " + SENTENCE["ru"], "ru", spoken)
    samples, rate = voice.decode(spoken, RATE)
    target = spoken.with_name("speech.wav")
    voice.write_wav(target, samples, RATE)
    return target


@pytest.fixture(scope="module")
def speech_samples(speech) -> np.ndarray:
    return voice.read_wav(speech)[0]


def test_mcadams_keeps_length_and_energy_but_changes_the_signal(speech_samples):
    altered = voice.mcadams(speech_samples, RATE, 0.8)
    assert altered.dtype == np.float32 and len(altered) == len(speech_samples)
    assert difference(altered, speech_samples) > 0.5
    assert 0.7 < (altered**2).sum() / (speech_samples**2).sum() < 1.4


def test_mcadams_with_alpha_one_gives_back_the_input(speech_samples):
    assert np.abs(voice.mcadams(speech_samples, RATE, 1.0) - speech_samples).max() < 1e-4


def test_mcadams_moves_the_resonances_and_keeps_the_pitch():
    tone = harmonic_tone(150)
    altered = voice.mcadams(tone, RATE, 0.8)
    assert centroid(altered) > 1.15 * centroid(tone)  # the 800 Hz resonance climbs (φ < 1 rad)
    assert abs(semitones(fundamental(altered) / 150)) < 0.2


def test_mcadams_takes_a_minute_of_speech_in_seconds(speech_samples):
    minute = np.resize(speech_samples, 60 * RATE)
    started = time.perf_counter()
    voice.mcadams(minute, RATE, 0.75)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("shift, formant", [(4, 0), (-5, 0), (6, 2), (-3.5, -2), (-4, 2.5)])
def test_rubberband_moves_the_pitch_by_the_requested_semitones(shift, formant):
    tone = harmonic_tone(150)
    shifted = voice.rubberband(tone, RATE, shift, formant)
    assert len(shifted) == len(tone)
    assert semitones(fundamental(shifted) / 150) == pytest.approx(shift, abs=0.3)


@pytest.mark.parametrize("formant", [3.0, -3.0])
def test_rubberband_moves_the_formants_without_the_pitch(formant):
    tone = harmonic_tone(150)
    shifted = voice.rubberband(tone, RATE, 0, formant)
    assert abs(semitones(fundamental(shifted) / 150)) < 0.2
    moved = semitones(centroid(shifted) / centroid(tone))
    assert np.sign(moved) == np.sign(formant) and abs(moved) > 1.5


def test_the_same_treatment_gives_the_same_sound(speech_samples):
    """Parameters are sealed per file so that every rendering sounds the same: that needs determinism."""
    for treatment in (voice.random_treatment(random.Random(1), m) for m in voice.METHODS):
        first = voice.alter(speech_samples, RATE, treatment)
        assert np.array_equal(first, voice.alter(speech_samples, RATE, treatment)), treatment
        assert not np.allclose(first, speech_samples, atol=0.01)


def test_random_treatments_stay_in_their_ranges():
    rng = random.Random(7)
    treatments = [voice.random_treatment(rng) for _ in range(400)]
    assert {t["method"] for t in treatments} == {"mcadams", "rubberband"}
    assert json.loads(json.dumps(treatments)) == treatments
    alphas = [t["alpha"] for t in treatments if t["method"] == "mcadams"]
    assert min(alphas) >= 0.7 and max(alphas) <= 0.9 and max(alphas) - min(alphas) > 0.15
    shifts = [t for t in treatments if t["method"] == "rubberband"]
    assert all(3 <= abs(t["semitones"]) <= 6 and 1 <= abs(t["formant"]) <= 3 for t in shifts)
    signs = {(np.sign(t["semitones"]), np.sign(t["formant"])) for t in shifts}
    assert len(signs) == 4  # pitch and formants move independently, either way
    with pytest.raises(ValueError):
        voice.alter(np.zeros(10, np.float32), RATE, {"method": "vocoder"})


def test_a_missing_rubberband_is_said_and_the_cleaner_refuses(speech, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no program at all on it
    with pytest.raises(voice.VoiceToolMissing, match="rubberband-cli"):
        voice.rubberband(np.zeros(RATE, np.float32), RATE, 3, 1)
    assert voice.available("mcadams") and not voice.available()
    with pytest.raises(Refused, match="voice_alter_unavailable"):
        audiovisual.clean(speech, tmp_path / "out.wav", "audio/wav", voice="alter", treatment={"method": "rubberband"})


@pytest.mark.parametrize("language", sorted(SENTENCE))
def test_synthesize_reads_every_language_aloud(tmp_path, language):
    target = tmp_path / "read.wav"
    voice.synthesize(SENTENCE[language], language, target)
    samples, rate = voice.read_wav(target)
    assert len(samples) / rate > 1.5
    assert np.sqrt((samples**2).mean()) > 0.01


def test_synthesize_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(ValueError):
        voice.synthesize("Hallo", "de", tmp_path / "x.wav")
    with pytest.raises(ValueError):
        voice.synthesize("  \n", "ru", tmp_path / "x.wav")


def test_the_text_never_reaches_a_command_line_or_a_shell(tmp_path, monkeypatch):
    """Options and shell syntax in the text are read aloud; the programs' arguments never hold it."""
    seen: list[list[str]] = []
    real_run = subprocess.run

    def spying(command, *args, **kwargs):  # records, then runs the real program
        seen.append(list(command))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(voice.subprocess, "run", spying)
    monkeypatch.chdir(tmp_path)
    text = "--version -w /tmp/x.wav; touch pwned $(touch pwned2) `touch pwned3` | tee pwned4 & Сомов"
    target = tmp_path / "read.wav"
    voice.synthesize(text, "ru", target)
    samples, rate = voice.read_wav(target)
    assert len(samples) / rate > 3  # all of it was read, not taken as options
    assert seen and all(text not in argument and "Сомов" not in argument for c in seen for argument in c)
    assert not list(tmp_path.glob("pwned*"))


def test_alter_file_writes_an_altered_wav(speech, speech_samples, tmp_path):
    target = tmp_path / "altered.wav"
    voice.alter_file(speech, target, {"method": "mcadams", "alpha": 0.8})
    altered, rate = voice.read_wav(target)
    assert rate == RATE and len(altered) == len(speech_samples)
    assert difference(altered, speech_samples) > 0.5


def decoded(path: Path) -> np.ndarray:
    return voice.decode(path, RATE)[0]


def assert_altered(altered: Path, kept: Path) -> None:
    """The same stretch of sound, but not the same sound."""
    a, k = decoded(altered), decoded(kept)
    assert abs(len(a) - len(k)) < 0.05 * RATE
    a, k = a[: min(len(a), len(k))], k[: min(len(a), len(k))]
    assert 0.25 < (a**2).sum() / (k**2).sum() < 4
    assert difference(a, k) > 0.5


def tagged(source: Path, target: Path, *arguments: str) -> Path:
    ffmpeg("-i", str(source), *arguments, "-metadata", "artist=Igor Somov", "-metadata", "title=Secret", str(target))
    assert leaks(target), "the test file should carry metadata"
    return target


def test_the_cli_alters_the_voice_and_leaves_no_metadata(speech, tmp_path):
    source = tagged(speech, tmp_path / "in.wav")
    program = Path(sys.executable).with_name("farewell")
    for choice in ("alter", "keep"):
        command = [str(program), "clean", "--voice", choice, str(source), str(tmp_path / f"{choice}.wav")]
        subprocess.run(command, check=True, cwd=tmp_path, capture_output=True, timeout=300)
    assert leaks(tmp_path / "alter.wav") == []
    assert b"Igor" not in (tmp_path / "alter.wav").read_bytes()
    assert difference(decoded(tmp_path / "keep.wav"), decoded(source)) < 0.01  # the measure sees a kept voice
    assert_altered(tmp_path / "alter.wav", tmp_path / "keep.wav")


@pytest.mark.parametrize("method", voice.METHODS)
def test_each_treatment_reaches_the_cleaned_file(speech, tmp_path, method):
    source = tagged(speech, tmp_path / "in.m4a", "-c:a", "aac")
    treatment = voice.random_treatment(random.Random(3), method)
    audiovisual.clean(source, tmp_path / "alter.m4a", "audio/mp4", voice="alter", treatment=treatment)
    audiovisual.clean(source, tmp_path / "keep.m4a", "audio/mp4")
    assert leaks(tmp_path / "alter.m4a") == []
    assert_altered(tmp_path / "alter.m4a", tmp_path / "keep.m4a")


def test_a_video_keeps_its_picture_and_gets_the_altered_voice_in_step(speech, tmp_path):
    seconds = float(ffprobe(speech)["format"]["duration"])
    source = tmp_path / "in.mp4"
    ffmpeg(
        *("-f", "lavfi", "-i", f"testsrc=size=160x120:rate=25:duration={seconds:.2f}", "-i", str(speech)),
        *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"),
        *("-metadata", "artist=Igor Somov", str(source)),
    )
    for choice in ("alter", "keep"):
        assert sandbox.run("clean", source, tmp_path / f"{choice}.mp4", choice).refused is None
    streams = ffprobe(tmp_path / "alter.mp4")["streams"]
    assert [s["codec_type"] for s in streams] == ["video", "audio"]
    assert float(streams[1]["duration"]) == pytest.approx(float(streams[0]["duration"]), abs=0.2)
    assert leaks(tmp_path / "alter.mp4") == []
    assert_altered(tmp_path / "alter.mp4", tmp_path / "keep.mp4")


def test_real_recordings_are_altered_in_the_sandbox(tmp_path):
    folder = shared_data("speech", "librispeech_test-other")
    recordings = sorted(folder.glob("*/*.flac"))[:2]
    assert recordings, f"no recordings in {folder}"
    for number, recording in enumerate(recordings):
        altered, kept = tmp_path / f"alter{number}.flac", tmp_path / f"keep{number}.flac"
        assert sandbox.run("clean", recording, altered, "alter").refused is None
        assert sandbox.run("clean", recording, kept, "keep").refused is None
        assert leaks(altered) == []
        assert_altered(altered, kept)


def test_a_long_recording_is_shifted_in_pieces_without_a_seam(monkeypatch):
    monkeypatch.setattr(voice, "PIECE_SECONDS", 3)
    tone = harmonic_tone(150, seconds=10)
    shifted = voice.rubberband(tone, RATE, 4, 2)
    assert len(shifted) == len(tone)
    assert semitones(fundamental(shifted) / 150) == pytest.approx(4, abs=0.3)
    # The tone is steady: so must its loudness be, across the cuts (every ~3 s), in 10 ms steps.
    loudness = np.sqrt((shifted[RATE // 2 : -RATE // 2].reshape(-1, RATE // 100) ** 2).mean(axis=1))
    assert loudness.min() > 0.8 * np.median(loudness) and loudness.max() < 1.2 * np.median(loudness)
