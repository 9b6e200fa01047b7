#!/usr/bin/env python3
"""The feedback benchmark's peer: scikit-learn's TF-IDF + NMF themes on the
same comments (one per line), as an analyst would write it: English stop
words, terms in at least 2 comments, 30 components, each comment's theme the
component with the largest weight, each theme named by its top 5 terms.

    nmf_peer.py comments.txt [OUT]

With OUT it also writes each comment's theme, one per line, for
run_feedback_bench.sh to score against the truth.
"""
import sys
import time

from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

COMPONENTS = 30


def main():
    start = time.time()
    with open(sys.argv[1], encoding="utf-8") as f:
        comments = [line.rstrip("\n") for line in f]
    vectorizer = TfidfVectorizer(stop_words="english", min_df=2)
    tfidf = vectorizer.fit_transform(comments)
    model = NMF(n_components=COMPONENTS, init="nndsvd", random_state=1, max_iter=200)
    weights = model.fit_transform(tfidf)
    themes = weights.argmax(axis=1)
    terms = vectorizer.get_feature_names_out()
    names = [" ".join(terms[i] for i in component.argsort()[::-1][:5]) for component in model.components_]
    print(f"{len(comments)} comments, {COMPONENTS} themes, first: {names[0]}, {time.time() - start:.3f} s")
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.writelines(f"{t}\n" for t in themes)


if __name__ == "__main__":
    main()
