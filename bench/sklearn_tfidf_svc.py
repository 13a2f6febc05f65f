"""TF-IDF (word 1-2-grams) + LinearSVC baseline for Sift's benchmark.

Usage: python3 sklearn_tfidf_svc.py TRAIN.csv TEST.csv PREDICTIONS.txt [--han-chars]

Reads `text,label` CSVs, fits TfidfVectorizer(ngram_range=(1, 2)) + LinearSVC() at their
defaults, writes one predicted label per line (JSON-encoded, so any label survives), and prints
one JSON line with the fit time (vectorizer + SVC, measured here) and the prediction time.
With --han-chars, Chinese characters become space-separated tokens and single-character tokens
are kept (the default token pattern drops tokens shorter than two characters).
"""
import csv
import json
import re
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff])")


def read_rows(path):
    # 20 Newsgroups has posts far beyond csv's default 128 KiB field limit.
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [(row["text"] or "", row["label"] or "") for row in reader]
    return [t for t, _ in rows], [l for _, l in rows]


def main(argv):
    if len(argv) not in (4, 5) or (len(argv) == 5 and argv[4] != "--han-chars"):
        sys.exit(__doc__)
    train_path, test_path, predictions_path = argv[1:4]
    han_chars = len(argv) == 5
    train_texts, train_labels = read_rows(train_path)
    test_texts, _ = read_rows(test_path)
    if han_chars:
        train_texts = [HAN.sub(r" \1 ", t) for t in train_texts]
        test_texts = [HAN.sub(r" \1 ", t) for t in test_texts]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b")
    else:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    classifier = LinearSVC()

    started = time.perf_counter()
    features = vectorizer.fit_transform(train_texts)
    classifier.fit(features, train_labels)
    fit_seconds = time.perf_counter() - started

    started = time.perf_counter()
    predicted = classifier.predict(vectorizer.transform(test_texts))
    predict_seconds = time.perf_counter() - started

    with open(predictions_path, "w", encoding="utf-8") as f:
        for label in predicted:
            f.write(json.dumps(str(label), ensure_ascii=False) + "\n")
    print(json.dumps({
        "fitSeconds": fit_seconds,
        "predictSeconds": predict_seconds,
        "features": int(features.shape[1]),
        "trainRows": len(train_texts),
        "testRows": len(test_texts),
    }))


if __name__ == "__main__":
    main(sys.argv)
