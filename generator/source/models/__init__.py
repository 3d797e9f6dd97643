"""Typed models of what staff commit, one module per file kind; docs/formats.md describes
them for staff.

These models check one file at a time: types, required fields, unknown keys, and rules
within a record (a single-choice question has one right answer). Rules that relate files
to each other live in source/crossref.py; rules of lawful advertising in vetting/rules.py.
"""
from .agencies import Licence, Agency
from .common import bilingual_error, Model, Text, TextList, Str, Id, Currency, YearMonth, Url, Number
from .countries import MinimumWage, NoMinimumWage, Fact, Embassy, Advisory, Country
from .help import CASES, HelpLine, Liaison, Help, HelpAbroad
from .courses import Citation, Lesson, Course, Choice, ChoiceQuestion, TrueFalseQuestion, Quiz, Question
from .jobs import Filing, Employer, Contract, Wage, Cost, Provided, Requirements, Selection, Job
from .reviewers import Reviewer
from .site import SiteInfo, Centre, ExchangeRates, Policy, SiteConfig

__all__ = [
    "Licence", "Agency", "bilingual_error", "Model", "Text", "TextList", "Str", "Id", "Currency",
    "YearMonth", "Url", "Number", "Citation", "MinimumWage", "NoMinimumWage", "Fact", "Embassy", "Advisory", "Country", "Lesson",
    "Course", "Choice", "ChoiceQuestion", "TrueFalseQuestion", "Quiz", "Question", "Filing",
    "Employer", "Contract", "Wage", "Cost", "Provided", "Requirements", "Selection", "Job",
    "SiteInfo", "Centre", "ExchangeRates", "Policy", "SiteConfig", "Reviewer", "CASES", "HelpLine", "Liaison",
    "Help", "HelpAbroad",
]
