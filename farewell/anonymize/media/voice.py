"""Voices: altered (McAdams coefficient, or a pitch and formant shift by Rubber Band) or replaced by
a synthetic reading of the transcript (espeak-ng).

An altered voice is weak protection: an attacker who treats his own recordings of a suspect the
same way still recognizes the speaker far better than chance (docs/benchmarks.md, "Voices").
A synthetic reading carries nothing of the speaker but the words. No Django here; the external
programs are run on files in a private temporary directory and never get content on their
command line.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import tempfile
import wave
from fractions import Fraction
from pathlib import Path

import numpy as np

RATE = 16_000  # what the cleaner alters at: speech needs no more, and 3 hours fit in memory
METHODS = ("mcadams", "rubberband")
# McAdams: φ → φ^α moves the low formants up (φ < 1 rad) and the high ones down. VoicePrivacy's B2
# draws α from [0.5, 0.9]; below ~0.7 the first formant climbs into the second, vowels merge and
# speech gets hard to follow, so 0.7–0.9 keeps it intelligible (at some cost in protection).
ALPHA = (0.7, 0.9)
PITCH = (3.0, 6.0)  # semitones, either way: less is barely a disguise, more sounds like a cartoon
FORMANT = (1.0, 3.0)  # semitones, either way, independent of the pitch: ~6–19 % longer or shorter vocal tract
ORDER = 20  # LPC order at 16 kHz (as in B2): ten formant pairs
BLOCK = 2048  # frames analysed at once (memory stays small whatever the length)
PIECE_SECONDS = 600  # rubberband is given long recordings in pieces of about this length
SPEAKING_RATE = 150  # words per minute for espeak-ng
# Our language codes -> espeak-ng voices.
VOICES = {"ru": "ru", "en": "en", "fr": "fr", "uk": "uk"}
TIMEOUT = 3 * 3600  # seconds for one external program (the cleaner's own limit); rubberband gets less


class VoiceToolMissing(RuntimeError):
    """An external program that voices need is not installed."""


class VoiceToolFailed(RuntimeError):
    """An external program failed (its output is not quoted: it could hold content)."""


def random_treatment(rng, method: str | None = None) -> dict:
    """Parameters for one file, drawn with `rng` (random.SystemRandom in production): the method
    too unless given. JSON-serializable, so that it can be sealed and every rendering of a file
    sounds the same."""
    method = method or rng.choice(METHODS)
    if method == "mcadams":
        return {"method": "mcadams", "alpha": round(rng.uniform(*ALPHA), 4)}
    if method == "rubberband":
        return {
            "method": "rubberband",
            "semitones": round(rng.choice((-1, 1)) * rng.uniform(*PITCH), 3),
            "formant": round(rng.choice((-1, 1)) * rng.uniform(*FORMANT), 3),
        }
    raise ValueError(f"unknown voice treatment {method!r}")


def available(method: str | None = None) -> bool:
    """Whether the programs a method needs (all methods when None) are installed."""
    return method == "mcadams" or shutil.which("rubberband") is not None


def alter(samples: np.ndarray, rate: int, treatment: dict) -> np.ndarray:
    """The samples (float32 mono, -1..1) treated as `treatment` says (see random_treatment)."""
    method = treatment.get("method")
    if len(samples) == 0 and method in METHODS:
        return np.zeros(0, dtype=np.float32)
    if method == "mcadams":
        return mcadams(samples, rate, float(treatment["alpha"]))
    if method == "rubberband":
        return rubberband(samples, rate, float(treatment["semitones"]), float(treatment["formant"]))
    raise ValueError(f"unknown voice treatment {method!r}")


# McAdams coefficient (Patino et al., 2021; VoicePrivacy baseline B2)


def mcadams(samples: np.ndarray, rate: int, alpha: float, *, frame_ms: float = 20) -> np.ndarray:
    """Every frame's spectral envelope (LPC poles) warped, φ → φ^alpha for complex poles, and the
    frame resynthesized from its own residual (so the pitch and the words stay).

    Frames of frame_ms overlap by half under a square-root Hann window at analysis and at
    synthesis, so alpha=1 gives back the input (up to rounding). Each frame keeps its energy."""
    x = np.asarray(samples, dtype=np.float32).reshape(-1)
    length = max(2 * (ORDER + 1), 2 * round(rate * frame_ms / 2000))
    hop = length // 2
    count = -(-len(x) // hop) + 1  # frame k starts at (k - 1) * hop: the first and last half-frames hang over
    out = np.zeros((count + 1) * hop, dtype=np.float32)  # in float32 and in place: 3 hours stay ~700 MB
    halves = out.reshape(-1, hop)  # a view: frame k covers halves k and k+1
    window = np.sqrt(0.5 - 0.5 * np.cos(2 * np.pi * np.arange(length) / length))
    for first in range(0, count, BLOCK):
        last = min(first + BLOCK, count)
        frames = _stretch(x, (first - 1) * hop, (last + 1) * hop - hop)
        frames = np.lib.stride_tricks.sliding_window_view(frames, length)[::hop] * window
        synthesized = _warped_frames(frames, alpha) * window
        halves[first:last] += synthesized[:, :hop]
        halves[first + 1 : last + 1] += synthesized[:, hop:]
    return out[hop : hop + len(x)]


def _stretch(x: np.ndarray, start: int, end: int) -> np.ndarray:
    """x[start:end] in float64, with silence where it runs past either end."""
    stretch = np.zeros(end - start)
    inside = x[max(start, 0) : max(min(end, len(x)), 0)]
    stretch[max(-start, 0) : max(-start, 0) + len(inside)] = inside
    return stretch


def _warped_frames(frames: np.ndarray, alpha: float) -> np.ndarray:
    lpc = _lpc(frames, ORDER)
    residual = _inverse_filter(lpc, frames)
    warped = _polynomial(_warped_roots(_roots(lpc), alpha))
    synthesized = _synthesis_filter(warped, residual)
    # The warped filter has another gain: give each frame back its energy.
    energy_in, energy_out = (frames**2).sum(axis=1), (synthesized**2).sum(axis=1)
    gain = np.sqrt(energy_in / np.maximum(energy_out, 1e-20))
    return synthesized * np.where(energy_out > 0, gain, 0.0)[:, None]


def _lpc(frames: np.ndarray, order: int) -> np.ndarray:
    """Prediction polynomials (1, a1 … a_order) of each frame: autocorrelation and Levinson-Durbin,
    all frames at once. The autocorrelation method always gives a stable (minimum-phase) filter."""
    size = 1 << (2 * frames.shape[1] - 1).bit_length()
    spectrum = np.fft.rfft(frames, size)
    r = np.fft.irfft(spectrum.real**2 + spectrum.imag**2, size)[:, : order + 1]
    r[:, 0] = r[:, 0] * (1 + 1e-9) + 1e-12  # silence and pure tones stay well conditioned
    a = np.zeros((len(frames), order + 1))
    a[:, 0] = 1.0
    error = r[:, 0].copy()
    for i in range(1, order + 1):
        k = -(a[:, :i] * r[:, i:0:-1]).sum(axis=1) / error
        a[:, 1 : i + 1] = a[:, 1 : i + 1] + k[:, None] * a[:, i - 1 :: -1]
        error *= 1 - k**2
    return a


def _inverse_filter(a: np.ndarray, frames: np.ndarray) -> np.ndarray:
    """The residual e = A(z)·x of each frame (an FIR filter, from rest)."""
    residual = frames.copy()
    for k in range(1, a.shape[1]):
        residual[:, k:] += a[:, k : k + 1] * frames[:, :-k]
    return residual


def _synthesis_filter(a: np.ndarray, residual: np.ndarray) -> np.ndarray:
    """y = e / A(z) for each frame (the all-pole filter, from rest), one sample step for all frames."""
    order = a.shape[1] - 1
    taps = a[:, :0:-1]  # a_order … a_1, against the last `order` outputs
    y = np.zeros((len(residual), order + residual.shape[1]))
    for t in range(residual.shape[1]):
        y[:, order + t] = residual[:, t] - np.einsum("fk,fk->f", taps, y[:, t : t + order])
    return y[:, order:]


def _roots(a: np.ndarray) -> np.ndarray:
    """The poles of each frame: eigenvalues of its companion matrix."""
    order = a.shape[1] - 1
    companion = np.zeros((len(a), order, order))
    companion[:, 0, :] = -a[:, 1:]
    companion[:, np.arange(1, order), np.arange(order - 1)] = 1.0
    return np.linalg.eigvals(companion)


def _warped_roots(roots: np.ndarray, alpha: float) -> np.ndarray:
    """Complex poles move to angle ±|φ|^alpha at the same radius (conjugates stay conjugates);
    real poles stay where they are."""
    angle = np.angle(roots)
    warped = np.abs(roots) * np.exp(1j * np.sign(angle) * np.abs(angle) ** alpha)
    return np.where(roots.imag != 0, warped, roots)


def _polynomial(roots: np.ndarray) -> np.ndarray:
    """(1, a1 … a_order) whose roots these are, for each frame."""
    coefficients = np.zeros((len(roots), roots.shape[1] + 1), dtype=complex)
    coefficients[:, 0] = 1.0
    for j in range(roots.shape[1]):
        coefficients[:, 1 : j + 2] = coefficients[:, 1 : j + 2] - roots[:, j : j + 1] * coefficients[:, : j + 1]
    return coefficients.real


# Rubber Band (R3 engine)


def rubberband(samples: np.ndarray, rate: int, semitones: float, formant_semitones: float) -> np.ndarray:
    """The pitch moved by `semitones` and the formants (the vocal tract's resonances) by
    `formant_semitones`, same length.

    The rubberband program has no formant shift of its own, only formant preservation (-F), so:
    stretch the duration by r = 2^(formant/12) and shift the pitch by (semitones - formant) with
    the formants preserved, then play the result r times faster (resampling), which moves
    everything, formants included, by `formant` semitones and restores the duration.

    Long recordings go through in pieces of ~10 minutes, cut at the quietest moment near each
    boundary, each with a second of context on both sides and blended over a few milliseconds:
    memory stays bounded (3 hours at once do not fit the sandbox's limit)."""
    command = shutil.which("rubberband")
    if command is None:
        raise VoiceToolMissing("the rubberband program is missing: apt-get install rubberband-cli")
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    cuts = [0, *_quiet_cuts(samples, rate), len(samples)]
    if len(cuts) == 2:
        return _rubberband_once(command, samples, rate, semitones, formant_semitones)
    out = np.empty(len(samples), dtype=np.float32)
    context, blend = rate, max(1, rate // 200)
    ramp = np.linspace(0.0, 1.0, blend, dtype=np.float32)
    tail = None  # the previous piece's output just past its cut
    for start, end in itertools.pairwise(cuts):
        before, after = min(start, context), min(len(samples) - end, context)
        piece = _rubberband_once(command, samples[start - before : end + after], rate, semitones, formant_semitones)
        out[start:end] = piece[before : before + end - start]
        if tail is not None:
            width = min(blend, end - start, len(tail))
            out[start : start + width] = tail[:width] * (1 - ramp[:width]) + out[start : start + width] * ramp[:width]
        tail = piece[before + end - start : before + end - start + blend]
    return out


def _quiet_cuts(samples: np.ndarray, rate: int) -> list[int]:
    """Where to cut a long recording: every PIECE_SECONDS, moved to the quietest 20 ms within 5 s
    (within a quarter of a piece, so that cuts never meet)."""
    piece, frame = PIECE_SECONDS * rate, max(1, rate // 50)
    reach = min(5 * rate, piece // 4)
    cuts = []
    for target in range(piece, len(samples) - piece // 10, piece):
        low = max(target - reach, 0)
        window = samples[low : min(target + reach, len(samples))]
        energy = (window[: len(window) // frame * frame].reshape(-1, frame).astype(np.float64) ** 2).sum(axis=1)
        cuts.append(low + int(np.argmin(energy)) * frame + frame // 2)
    return cuts


def _rubberband_once(command: str, samples: np.ndarray, rate: int, semitones: float, formant: float) -> np.ndarray:
    if len(samples) == 0:  # rubberband waits forever on an empty file
        return np.zeros(0, dtype=np.float32)
    ratio = 2 ** (formant / 12)
    with tempfile.TemporaryDirectory(prefix="farewell-voice-") as folder:
        source, target = Path(folder) / "in.wav", Path(folder) / "out.wav"
        write_wav(source, samples, rate)
        options = ["-3", "-q", "-F", "--pitch", f"{semitones - formant:.6f}"]
        if formant:
            options += ["--time", f"{ratio:.8f}"]
        _run([command, *options, str(source), str(target)], timeout=60 + 2 * len(samples) / rate)
        shifted, _ = read_wav(target)
    if formant:
        from scipy.signal import resample_poly

        speed = Fraction(1 / ratio).limit_denominator(500)
        shifted = resample_poly(shifted, speed.numerator, speed.denominator).astype(np.float32, copy=False)
    return _fitted(shifted, len(samples))


def _fitted(samples: np.ndarray, length: int) -> np.ndarray:
    """Exactly `length` samples: cut, or padded with silence (stretching rounds to a few samples)."""
    if len(samples) >= length:
        return samples[:length]
    return np.concatenate([samples, np.zeros(length - len(samples), dtype=samples.dtype)])


# Synthetic reading (espeak-ng)


def synthesize(text: str, language: str, target: Path) -> None:
    """`text` read aloud by espeak-ng's voice for `language` (ru, en, fr or uk), written to
    `target` as 16-bit mono WAV at espeak-ng's 22,050 Hz. The text goes through a file (-f),
    never the command line: no process listing shows it, and no text can become an option."""
    if language not in VOICES:
        raise ValueError(f"no synthetic voice for language {language!r}")
    if not text.strip():
        raise ValueError("nothing to read")
    command = shutil.which("espeak-ng")
    if command is None:
        raise VoiceToolMissing("the espeak-ng program is missing: apt-get install espeak-ng")
    with tempfile.TemporaryDirectory(prefix="farewell-voice-") as folder:
        words, spoken = Path(folder) / "text.txt", Path(folder) / "spoken.wav"
        words.write_text(text, encoding="utf-8")
        # -b 1: the file is UTF-8; no -m, so markup in the text is read as text, not obeyed.
        options = ["-v", VOICES[language], "-s", str(SPEAKING_RATE), "-b", "1", "-f", str(words), "-w", str(spoken)]
        _run([command, *options])
        samples, rate = read_wav(spoken)
    write_wav(Path(target), samples, rate)  # our own header: nothing of espeak-ng's file is kept


# Files


def alter_file(source: Path, target: Path, treatment: dict) -> None:
    """An audio (or video) file's first sound track, mixed to mono at its own rate, altered and
    written to `target` as WAV. Decodes with libav: run it only on files the cleaner accepted,
    or inside the sandbox."""
    samples, rate = decode(Path(source))
    write_wav(Path(target), alter(samples, rate, treatment), rate)


def decode(source: Path, rate: int | None = None) -> tuple[np.ndarray, int]:
    """The first sound track as float32 mono samples, at `rate` (the track's own when None)."""
    import av

    with av.open(str(source), options={"protocol_whitelist": "file"}) as container:
        stream = container.streams.audio[0]
        rate = rate or stream.codec_context.sample_rate
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        chunks = [out.to_ndarray()[0] for frame in container.decode(stream) for out in resampler.resample(frame)]
        chunks += [out.to_ndarray()[0] for out in resampler.resample(None)]
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32), rate


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    """16-bit PCM mono WAV: a bare header and the samples, nothing else (written by the minute,
    so that a long recording needs no second copy in memory)."""
    samples = np.asarray(samples).reshape(-1)
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(int(rate))
        for start in range(0, len(samples), 60 * int(rate)):
            chunk = np.clip(samples[start : start + 60 * int(rate)].astype(np.float32), -1.0, 1.0)
            output.writeframes(np.round(chunk * 32767).astype("<i2").tobytes())


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV (as espeak-ng and rubberband write them) as float32 mono samples and its rate."""
    with wave.open(str(path), "rb") as source:
        if source.getsampwidth() != 2:
            raise VoiceToolFailed("unexpected sample format")
        channels, rate = source.getnchannels(), source.getframerate()
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    samples = pcm.reshape(-1, channels).mean(axis=1, dtype=np.float32) if channels > 1 else pcm.astype(np.float32)
    samples /= 32768
    return samples, rate


def _run(command: list[str], timeout: float = TIMEOUT) -> None:
    try:
        subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.CalledProcessError as failure:
        raise VoiceToolFailed(f"{Path(command[0]).name} failed with exit status {failure.returncode}") from None
    except subprocess.TimeoutExpired:
        raise VoiceToolFailed(f"{Path(command[0]).name} took too long") from None
