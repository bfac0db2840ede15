"""The names of the independent labelled sets in `data/evaluation/`.

Kept apart from `statements.py` so that the command line can list them without loading the content stack.
"""
from __future__ import annotations

# Those the learned reader is trained on, and the test sets it never sees.
TRAINING_SETS = ("development", "supplement", "training", "off_topic")
TEST_SETS = ("external", "examiner", "examiner2", "examiner3", "examiner4", "examiner5", "off_topic_test")
EVALUATION_SETS = TRAINING_SETS + TEST_SETS
