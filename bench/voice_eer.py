"""Speaker verification against Farewell's voice treatments: the equal error rate (EER) of
Resemblyzer's speaker encoder on ../shared/data/speech, per gender, for the original voices, each
alteration (farewell/anonymize/media/voice.py) and the synthetic reading.

Run: .venv/bin/pip install -e '.[bench-voice]' (torch==2.13.0 first: see docs/benchmarks.md), then
     .venv/bin/python bench/voice_eer.py [--seed 1] [--repeats 3] [--json out.json] [--data ../shared/data]
       [--treatments mcadams rubberband synthetic] [--alpha 0.5 0.9 (McAdams range, B2's; ours by default)]

Data: LibriSpeech test-other as copied from the Resemblyzer repository, 10 speakers (5 women, 5 men)
with 10 utterances each, plus 50 single utterances of other LibriSpeech speakers (25 women, 25 men)
as extra impostors. Genders come from SPEAKERS.TXT. There are no transcripts, so the synthetic
reading of each utterance says a sentence drawn at random from a fixed list of ten (English, as
the recordings): the words carry no speaker, and the draw keeps them independent of who spoke.

Protocol (as VoicePrivacy, at small scale): each speaker is enrolled with the mean embedding of 5
of his utterances and tried against the other 5 (then the halves swap); impostor trials are the
same-gender utterances of every other speaker and every distractor. Scores are cosine
similarities. Each trial utterance gets its own random treatment (random.Random(seed), the same
ranges as the cleaner's random_treatment). Two attackers:
- ignorant: enrols on the original recordings;
- lazy-informed: treats his enrolment recordings with the same kind of treatment, with fresh
  random parameters, before enrolling.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from farewell.anonymize.media import voice
from farewell.testing.timing import timed

SENTENCES = [
    "The old bridge was closed for repairs during the whole winter.",
    "She wrote the names of the streets on the back of an envelope.",
    "Nobody expected the train to arrive before the morning.",
    "We carried the boxes up the stairs and left them by the door.",
    "The river had frozen, so the children walked across it.",
    "He said the meeting would start at nine and last an hour.",
    "A strong wind blew the papers off the table and into the yard.",
    "They planted potatoes in the field behind the school.",
    "The radio was playing quietly while the soup was cooking.",
    "Her brother promised to bring the tools back on Sunday.",
]
TREATMENTS = ("original", "mcadams", "rubberband", "synthetic")
GENDERS = {"F": "women", "M": "men"}


@dataclass(frozen=True)
class Utterance:
    path: Path
    speaker: str
    gender: str
    number: int  # its position among its speaker's utterances
    distractor: bool


def speakers(folder: Path) -> dict[str, str]:
    """Speaker id -> F or M, from a LibriSpeech SPEAKERS.TXT."""
    genders = {}
    for line in (folder / "SPEAKERS.TXT").read_text(encoding="utf-8", errors="replace").splitlines():
        fields = [field.strip() for field in line.split("|")]
        if not line.startswith(";") and len(fields) >= 2 and fields[1] in GENDERS:
            genders[fields[0]] = fields[1]
    return genders


def utterances(data: Path) -> list[Utterance]:
    tests = data / "speech" / "librispeech_test-other"
    distractors = data / "speech" / "librispeech_train-clean-100_distractors"
    found = []
    genders = speakers(tests)
    for folder in sorted(p for p in tests.iterdir() if p.is_dir()):
        for number, path in enumerate(sorted(folder.glob("*.flac"))):
            found.append(Utterance(path, folder.name, genders[folder.name], number, False))
    genders = speakers(distractors)
    for path in sorted(distractors.glob("*.flac")):
        speaker = re.match(r"\d+", path.name).group()
        found.append(Utterance(path, speaker, genders[speaker], 0, True))
    return found


class Embedder:
    def __init__(self):
        warnings.filterwarnings("ignore", category=UserWarning)  # webrtcvad imports pkg_resources
        from resemblyzer import VoiceEncoder, preprocess_wav

        self.encoder, self.preprocess = VoiceEncoder("cpu", verbose=False), preprocess_wav

    def __call__(self, samples: np.ndarray, rate: int) -> np.ndarray:
        return self.encoder.embed_utterance(self.preprocess(samples, source_sr=rate))


def treated(kind: str, samples: np.ndarray, rate: int, rng: random.Random) -> tuple[np.ndarray, int]:
    if kind == "original":
        return samples, rate
    if kind == "synthetic":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "read.wav"
            voice.synthesize(rng.choice(SENTENCES), "en", path)
            return voice.read_wav(path)
    return voice.alter(samples, rate, voice.random_treatment(rng, kind)), rate


def eer(targets: list[float], impostors: list[float]) -> float:
    """Where false acceptances equal false rejections, interpolated between thresholds."""
    scores = np.concatenate([targets, impostors])
    labels = np.concatenate([np.ones(len(targets)), np.zeros(len(impostors))])
    order = np.argsort(-scores, kind="stable")
    labels = labels[order]
    accepted_targets = np.concatenate([[0], np.cumsum(labels)])
    accepted_impostors = np.concatenate([[0], np.cumsum(1 - labels)])
    false_rejection = 1 - accepted_targets / len(targets)
    false_acceptance = accepted_impostors / len(impostors)
    gap = false_rejection - false_acceptance
    crossing = int(np.argmax(gap <= 0))
    if crossing == 0:
        return float(false_acceptance[0])
    a, b = gap[crossing - 1], gap[crossing]
    share = a / (a - b) if a != b else 0.5
    before = (false_rejection[crossing - 1] + false_acceptance[crossing - 1]) / 2
    after = (false_rejection[crossing] + false_acceptance[crossing]) / 2
    return float(before + share * (after - before))


def trials(items: list[Utterance], enrolment: dict[int, np.ndarray], trial: dict[int, np.ndarray]):
    """(gender, score, same speaker) for every trial of the two-fold protocol."""
    enrolled = sorted({u.speaker for u in items if not u.distractor})
    for speaker in enrolled:
        own = [i for i, u in enumerate(items) if u.speaker == speaker]
        gender = items[own[0]].gender
        for half in (0, 1):
            enrol = [i for i in own if (items[i].number < 5) == (half == 0)]
            model = np.mean([enrolment[i] for i in enrol], axis=0)
            model /= np.linalg.norm(model)
            for i, u in enumerate(items):
                if u.gender != gender or i in enrol:
                    continue  # same-gender trials only, never an enrolment recording
                yield gender, float(model @ trial[i] / np.linalg.norm(trial[i])), u.speaker == speaker


def _eer_of(scored: list[tuple[float, bool]]) -> float:
    return eer([s for s, target in scored if target], [s for s, target in scored if not target])


def measure(items, embed, kind: str, seed: int, originals, plain: dict[int, np.ndarray]) -> dict[str, dict]:
    """EERs per attacker and gender for one draw of the random treatments."""
    rng = random.Random(f"{seed}-{kind}")
    trial, informed = plain, plain
    if kind != "original":
        trial = {i: embed(*treated(kind, *originals[i], rng)) for i in range(len(items))}
        # The attacker's own recordings of the suspects, treated afresh.
        informed = {i: embed(*treated(kind, *originals[i], rng)) for i, u in enumerate(items) if not u.distractor}
    enrolments = {"ignorant": plain, "lazy-informed": informed}
    results = {}
    for attacker, enrolment in enrolments.items():
        scored = list(trials(items, enrolment, trial))
        results[attacker] = {GENDERS[g]: _eer_of([(s, t) for gg, s, t in scored if gg == g]) for g in GENDERS}
        results[attacker]["all"] = _eer_of([(s, t) for _, s, t in scored])
        results[attacker]["trials"] = {"target": sum(t for *_, t in scored), "impostor": sum(not t for *_, t in scored)}
    return results


def averaged(runs: list[dict]) -> dict:
    """The EERs of several draws averaged (with their range when there are several)."""
    table = {}
    for attacker, first in runs[0].items():
        row = {key: statistics.mean(run[attacker][key] for run in runs) for key in ("women", "men", "all")}
        row["trials"] = first["trials"]
        if len(runs) > 1:
            values = {key: [run[attacker][key] for run in runs] for key in GENDERS.values()}
            row["range"] = {key: [min(draws), max(draws)] for key, draws in values.items()}
        table[attacker] = row
    return table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1, help="draws of the random treatments (EERs averaged)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--treatments", nargs="+", choices=TREATMENTS, default=list(TREATMENTS))
    parser.add_argument("--alpha", nargs=2, type=float, metavar=("LOW", "HIGH"), help="McAdams range (B2: 0.5 0.9)")
    options = parser.parse_args()
    if options.alpha:
        voice.ALPHA = tuple(options.alpha)  # what random_treatment draws from
    items = utterances(options.data)
    embed = Embedder()
    originals = [voice.decode(u.path, voice.RATE) for u in items]
    plain = {i: embed(*originals[i]) for i in range(len(items))}
    table, seconds = {}, {}
    for kind in ["original", *(kind for kind in options.treatments if kind != "original")]:
        runs: list[dict] = []

        def draw(kind=kind, runs=runs):
            for repeat in range(options.repeats if kind != "original" else 1):
                runs.append(measure(items, embed, kind, options.seed + repeat, originals, plain))

        seconds[kind] = timed(draw)
        table[kind] = averaged(runs)
    enrolled = {u.speaker: u.gender for u in items if not u.distractor}
    counts = table["original"]["ignorant"]["trials"]
    print(f"speakers: {list(enrolled.values()).count('F')} women, {list(enrolled.values()).count('M')} men; "
          f"{len(items)} utterances ({sum(u.distractor for u in items)} of distractors)")  # fmt: skip
    print(f"trials: {counts['target']} target, {counts['impostor']} impostor; seed {options.seed}, "
          f"{options.repeats} draw(s) of the random treatments; McAdams alpha in {list(voice.ALPHA)}")  # fmt: skip
    print(f"{'treatment':<12} {'attacker':<14} {'EER women':>10} {'EER men':>8} {'EER all':>8}")
    for kind, attackers in table.items():
        for attacker, row in attackers.items():
            if kind == "original" and attacker == "lazy-informed":
                continue  # the same as ignorant
            print(f"{kind:<12} {attacker:<14} {row['women']:>10.1%} {row['men']:>8.1%} {row['all']:>8.1%}")
    print("seconds per treatment (treating + embedding): " + ", ".join(f"{k} {v:.0f}" for k, v in seconds.items()))
    if options.json:
        summary = {"table": table, "seconds": seconds, "seed": options.seed, "alpha": list(voice.ALPHA)}
        options.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
