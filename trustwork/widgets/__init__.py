"""Practice widgets (ipywidgets 8): thin views over `trustwork.practice`.

Each tool is created by one call from a lesson, for example::

    from trustwork.widgets import sorting_drill
    sorting_drill(category="blame_shifting")
"""
from .coach import RewriteCoach, rewrite_coach
from .drill import SortingDrill, sorting_drill
from .ledger import TrustLedger, trust_ledger
from .roleplay import RolePlayer, role_play
from .safety import SafetyScreen, safety_screen
from .quiz import Quiz, quiz
from .steps import StepOrder, step_order

__all__ = ["Quiz", "RewriteCoach", "RolePlayer", "SafetyScreen", "SortingDrill", "StepOrder", "TrustLedger", "quiz",
           "rewrite_coach", "role_play", "safety_screen", "sorting_drill", "step_order", "trust_ledger"]
