"""Courses, lessons and quizzes: courses/<id>/course.yml and quizzes/<quiz>.yml."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from .common import Str, Id, Url, bilingual_error, Model, Text, TextList


class Citation(Model):
    """一条来源：读者看得懂的名称（法规名称、条款、日期），可附网址。

    One source: a readable name (law, article, date), with its address if it has one."""
    title: Text = Field(title="名称 · Title",
                        description="例如 {zh: 《对外劳务合作管理条例》第二十五条（2012年）, en: …}。\n\n"
                                    "E.g. the law's title, article and date.")
    url: Url | None = Field(None, title="网址 · URL", description="来源网址，可选。\n\nThe address, optional.")


class Lesson(Model):
    """一个课时。\n\nOne lesson."""
    id: Id = Field(title="编号 · Id",
                   description="课时编号；正文在 lessons/<id>.zh.md 和 lessons/<id>.en.md。\n\n"
                               "The lesson id; its text is lessons/<id>.zh.md and lessons/<id>.en.md.")
    title: Text = Field(title="标题 · Title", description="课时标题。\n\nThe lesson's title.")
    minutes: int = Field(gt=0, le=600, title="时长（分钟） · Minutes",
                         description="课时长度，单位：分钟。\n\nLength in minutes.")
    objectives: TextList = Field(title="学习目标 · Objectives",
                                 description="学完后应知道或会做的事。\n\nWhat a learner will know or be able to do.")
    quiz: Id | None = Field(None, title="测验 · Quiz",
                            description="quizzes/<quiz>.yml 的文件名，可选。\n\nName of quizzes/<quiz>.yml, optional.")
    materials: TextList | None = Field(   # added: what a trainer needs in the classroom
        None, title="教具 · Materials",
        description="培训师上课需要准备的东西。\n\nWhat a trainer needs in the classroom.")
    reviewed_on: dt.date = Field(
        title="核对日期 · Reviewed on",
        description="最后一次核对本课时（及其测验）中事实的日期，显示在页面上；超过 policy.content_review_months "
                    "个月未核对会提醒 W-LESSON-REVIEW。\n\n"
                    "When staff last checked the facts of this lesson and its quiz; shown on the page, and "
                    "W-LESSON-REVIEW warns once it is older than policy.content_review_months.")
    sources: list[Url | Citation] = Field(
        min_length=1, title="来源 · Sources",
        description="课时事实的来源：网址，或 {title: {zh, en}, url} 写明法规名称、条款和日期。页面只显示这一份来源列表，"
                    "课文里不要再写“资料来源”。\n\n"
                    "Where the lesson's facts come from: a URL, or {title: {zh, en}, url} naming the law, article "
                    "and date. The page shows this one list; do not repeat a sources section in the text.")


class Course(Model):
    """一门课程（courses/<id>/course.yml）。

    One course (courses/<id>/course.yml)."""
    id: Id = Field(title="编号 · Id", description="与文件夹名相同。\n\nThe folder name.")
    title: Text = Field(title="标题 · Title", description="课程名称。\n\nThe course's title.")
    summary: Text = Field(title="简介 · Summary", description="一两句话的简介。\n\nA summary in a sentence or two.")
    audience: Text = Field(title="对象 · Audience", description="课程面向谁。\n\nWho the course is for.")
    lessons: list[Lesson] = Field(min_length=1, title="课时 · Lessons", description="课时列表。\n\nThe lessons.")

    @model_validator(mode="after")
    def _unique_lessons(self):
        seen = [lesson.id for lesson in self.lessons]
        dup = sorted({i for i in seen if seen.count(i) > 1})
        if dup:
            raise bilingual_error(f"课时编号重复：{', '.join(dup)} — 每个课时的 id 必须不同",
                                  f"lesson id used twice: {', '.join(dup)} — give each lesson its own id")
        return self


class Choice(Model):
    """一个选项。\n\nOne choice."""
    zh: Str = Field(title="中文 · Chinese", description="选项的中文。\n\nThe choice in Chinese.")
    en: Str = Field(title="英文 · English", description="选项的英文。\n\nThe choice in English.")
    correct: bool = Field(False, title="正确 · Correct",
                          description="正确选项写 correct: true。\n\nMark the right choice with correct: true.")

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class ChoiceQuestion(Model):
    """单选题或多选题。\n\nA single- or multiple-choice question."""
    type: Literal["single", "multiple"] = Field(
        title="题型 · Type", description="single 单选、multiple 多选。\n\nsingle or multiple choice.")
    prompt: Text = Field(title="题目 · Prompt", description="题目。\n\nThe question.")
    choices: list[Choice] = Field(min_length=2, title="选项 · Choices",
                                  description="至少两个选项。\n\nTwo choices or more.")
    explain: Text = Field(title="解析 · Explanation", description="答题后显示的解析。\n\nShown after answering.")

    @model_validator(mode="after")
    def _answers(self):
        right = sum(c.correct for c in self.choices)
        if self.type == "single" and right != 1:
            raise bilingual_error(f"单选题必须恰好有一个正确选项（现在有 {right} 个）— 在正确选项上写 correct: true",
                                  f"a single-choice question needs exactly one right choice (it has {right}) — "
                                  "mark it with correct: true")
        if self.type == "multiple" and right < 1:
            raise bilingual_error("多选题至少要有一个正确选项 — 在正确选项上写 correct: true",
                                  "a multiple-choice question needs at least one right choice — "
                                  "mark them with correct: true")
        return self


class TrueFalseQuestion(Model):
    """判断题。\n\nA true-or-false question."""
    type: Literal["truefalse"] = Field(title="题型 · Type", description="truefalse 判断题。\n\ntruefalse.")
    prompt: Text = Field(title="题目 · Prompt", description="题目。\n\nThe statement.")
    answer: bool = Field(title="答案 · Answer", description="true 对、false 错。\n\ntrue or false.")
    explain: Text = Field(title="解析 · Explanation", description="答题后显示的解析。\n\nShown after answering.")


Question = Annotated[Union[ChoiceQuestion, TrueFalseQuestion], Field(discriminator="type")]


class Quiz(Model):
    """自测题（courses/<id>/quizzes/<quiz>.yml）。

    A self-check quiz (courses/<id>/quizzes/<quiz>.yml)."""
    pass_mark: float = Field(gt=0, le=1, title="及格线 · Pass mark",
                             description="答对的比例，例如 0.8。\n\nShare of right answers needed, e.g. 0.8.")
    shuffle: bool = Field(False, title="打乱顺序 · Shuffle",
                          description="是否打乱题目顺序。\n\nWhether to shuffle the questions.")
    questions: list[Question] = Field(min_length=1, title="题目 · Questions", description="题目列表。\n\nThe questions.")
