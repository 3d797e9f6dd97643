"""Read every file staff commit into one model of the site: the first pipeline stage.

Gather all data first: cross-references (job → agency → country → course) can only be
checked once everything is loaded, and every problem of a run is reported together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter

from generator.source import choices, models as m
from generator.problems import Collector, msg
from generator.source.schema_errors import check
from generator.source.yamlload import MAX_BYTES, Doc, load, parse

AGENCIES = TypeAdapter(list[m.Agency])
REVIEWERS = TypeAdapter(list[m.Reviewer])


@dataclass
class CourseFiles:
    course: m.Course
    doc: Doc
    bodies: dict = field(default_factory=dict)    # (lesson id, lang) -> Markdown text
    quizzes: dict = field(default_factory=dict)   # quiz id -> (Quiz, Doc)


@dataclass
class Page:
    slug: str
    title: dict      # lang -> title from the first '# ' line
    body: dict       # lang -> Markdown without that line


@dataclass
class Tree:
    root: Path
    site: m.SiteConfig | None = None
    site_doc: Doc | None = None
    agencies: dict = field(default_factory=dict)       # id -> Agency
    agencies_doc: Doc | None = None
    countries: dict = field(default_factory=dict)      # key -> Country
    jobs: dict = field(default_factory=dict)           # id -> Job
    courses: dict = field(default_factory=dict)        # id -> CourseFiles
    pages: dict = field(default_factory=dict)          # slug -> Page
    docs: dict = field(default_factory=dict)           # shown path -> Doc, for lines
    raw_jobs: dict = field(default_factory=dict)       # id -> Doc of the job file
    reviewers: dict = field(default_factory=dict)      # id -> Reviewer
    reviewers_doc: Doc | None = None


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# serve keeps parsed files between rebuilds, keyed by size and modification time: an
# edit to one job order then re-reads one file, not a province's thousands.
_cache: dict | None = None


def keep_parsed_files() -> None:
    global _cache
    _cache = {}


# build keeps parsed files on disk between runs (publish/cache.py): an object whose
# parsed(raw, shown, parse) returns the Doc of those bytes, parsing only when it must.
_store = None


def use_store(store) -> None:
    global _store
    _store = store


def _parse_stored(path: Path, shown: str) -> Doc:
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return load(path, shown)        # reported as load reports it
    if len(raw) > MAX_BYTES:
        return load(path, shown)
    # Parsed from the very bytes the key is made of, never from a second read.
    return _store.parsed(raw, shown, lambda: parse(text, shown))


def _load(root: Path, path: Path, problems: Collector) -> Doc | None:
    key = None
    if _cache is None and _store is not None:
        doc = _parse_stored(path, _rel(root, path))
        if isinstance(doc, Doc):
            return doc
        problems.problems.append(doc)
        return None
    if _cache is not None:
        try:
            st = path.stat()
            key = (st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
    if key and _cache.get(path, (None,))[0] == key:
        doc = _cache[path][1]
    else:
        doc = load(path, _rel(root, path))
        if key:
            _cache[path] = (key, doc)
    if isinstance(doc, Doc):
        return doc
    problems.problems.append(doc)
    return None


def _validated(doc: Doc | None, model, problems: Collector, field_choices: dict | None = None):
    if doc is None:
        return None
    value, found = check(doc, model, choices=field_choices)
    problems.problems.extend(found)
    return value


def _read_markdown(root: Path, path: Path, problems: Collector) -> str | None:
    shown = _rel(root, path)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        problems.add(shown, 0, "", msg("缺少这个文件", "请创建它（每个课时和页面都要有中文和英文两个文件）",
                                       "this file is missing",
                                       "create it (every lesson and page has a Chinese and an English file)"))
    except UnicodeDecodeError:
        problems.add(shown, 0, "", msg("文件不是 UTF-8 编码", "请用 UTF-8 编码另存",
                                       "the file is not UTF-8 text", "save it again as UTF-8"))
    return None


def load_tree(root: Path, problems: Collector) -> Tree:
    tree = Tree(root=root)
    doc = _load(root, root / "site_config.yml", problems)
    tree.site, tree.site_doc = _validated(doc, m.SiteConfig, problems), doc

    doc = _load(root, root / "content" / "agencies.yml", problems)
    tree.agencies_doc = doc
    for i, agency in enumerate(_validated(doc, AGENCIES, problems) or []):
        if agency.id in tree.agencies:
            problems.add(doc.path, doc.line((i, "id")), f"[{i}].id",
                         msg(f"机构编号“{agency.id}”重复", "每家机构的 id 必须不同",
                             f"agency id '{agency.id}' is used twice", "give each agency its own id"))
        tree.agencies[agency.id] = agency

    _load_reviewers(root, tree, problems)

    for path in sorted((root / "content" / "countries").glob("*.yml")):
        doc = _load(root, path, problems)
        country = _validated(doc, m.Country, problems)
        if country:
            tree.countries[path.stem] = country
            tree.docs[doc.path] = doc

    for course_dir in sorted(p for p in (root / "courses").iterdir() if p.is_dir()) \
            if (root / "courses").is_dir() else []:
        _load_course(root, course_dir, tree, problems)

    # Jobs last: their trade, agency, destination, visa and courses are then known, and a
    # wrong one is told which to choose (choices.py).
    job_files = sorted((root / "content" / "jobs").glob("*.yml"))
    if _store is not None and _cache is None:
        _store.prefetch([(path, _rel(root, path)) for path in job_files])
    for path in job_files:
        doc = _load(root, path, problems)
        job = _validated(doc, m.Job, problems, choices.for_job(tree, doc.data) if doc else None)
        if doc:
            tree.raw_jobs[path.stem] = doc
        if job:
            tree.jobs[path.stem] = job
            tree.docs[doc.path] = doc

    pages_dir = root / "content" / "pages"
    for slug in sorted({p.name.split(".")[0] for p in pages_dir.glob("*.md")}):
        _load_page(root, pages_dir, slug, tree, problems)
    return tree


def _load_reviewers(root: Path, tree: Tree, problems: Collector) -> None:
    path = root / "content" / "reviewers.yml"
    if not path.exists():
        return      # no one can approve: every approval is refused, each order saying why
    doc = tree.reviewers_doc = _load(root, path, problems)
    keys: dict[str, str] = {}
    for i, reviewer in enumerate(_validated(doc, REVIEWERS, problems) or []):
        if reviewer.id in tree.reviewers:
            problems.add(doc.path, doc.line((i, "id")), f"[{i}].id",
                         msg(f"审核人编号“{reviewer.id}”重复", "每位审核人的 id 必须不同",
                             f"reviewer id '{reviewer.id}' is used twice", "give each reviewer their own id"))
        elif reviewer.key in keys:
            # One key, two people: a signature could not say who approved.
            problems.add(doc.path, doc.line((i, "key")), f"[{i}].key",
                         msg(f"这把公钥已属于审核人“{keys[reviewer.key]}”", "每位审核人必须用自己的密钥",
                             f"this key already belongs to reviewer '{keys[reviewer.key]}'",
                             "each reviewer signs with a key of their own"))
        else:
            tree.reviewers[reviewer.id] = reviewer
            keys[reviewer.key] = reviewer.id


def _load_course(root: Path, course_dir: Path, tree: Tree, problems: Collector) -> None:
    doc = _load(root, course_dir / "course.yml", problems)
    course = _validated(doc, m.Course, problems)
    if not course:
        return
    files = CourseFiles(course=course, doc=doc)
    tree.docs[doc.path] = doc
    for lesson in course.lessons:
        for lang in ("zh", "en"):
            body = _read_markdown(root, course_dir / "lessons" / f"{lesson.id}.{lang}.md", problems)
            if body is not None:
                files.bodies[(lesson.id, lang)] = body
        if lesson.quiz and lesson.quiz not in files.quizzes:
            path = course_dir / "quizzes" / f"{lesson.quiz}.yml"
            if not path.exists():
                i = course.lessons.index(lesson)
                problems.add(doc.path, doc.line(("lessons", i, "quiz")), f"lessons[{i}].quiz",
                             msg(f"找不到测验文件 {_rel(root, path)}", "请创建该文件，或删除 quiz 这一行",
                                 f"quiz file {_rel(root, path)} does not exist", "create it or remove the quiz line"))
                continue
            qdoc = _load(root, path, problems)
            quiz = _validated(qdoc, m.Quiz, problems)
            if quiz:
                files.quizzes[lesson.quiz] = (quiz, qdoc)
    tree.courses[course_dir.name] = files


def _load_page(root: Path, pages_dir: Path, slug: str, tree: Tree, problems: Collector) -> None:
    title, body = {}, {}
    for lang in ("zh", "en"):
        text = _read_markdown(root, pages_dir / f"{slug}.{lang}.md", problems)
        if text is None:
            return
        first, _, rest = text.lstrip().partition("\n")
        if not first.startswith("# "):
            problems.add(_rel(root, pages_dir / f"{slug}.{lang}.md"), 1, "",
                         msg("页面第一行应是标题，例如“# 如何报名”", "请在第一行写“# 标题”",
                             "the first line of a page must be its title, e.g. '# How to apply'",
                             "start the file with '# Title'"))
            return
        title[lang], body[lang] = first[2:].strip(), rest
    tree.pages[slug] = Page(slug, title, body)
