"""A benchmark tree: N valid, approved, open job orders plus the sample everything-else.

The orders are made from the sample orders in content/jobs/ (one template per destination
and trade), with varied titles, employers, cities, wages, dates and a description of
about 400 Chinese characters and 250 English words assembled from paragraph variants, so
that no two orders read alike (the search index grows as it would with real text). Each
order is then approved with the project's own `approve` code (generator.vetting.approve.approved_text),
signed with the sample's demo reviewer key, so its digest and signature are valid and vetting
publishes it. Deterministic for a given seed (Ed25519 signatures are deterministic too).
"""
from __future__ import annotations

import copy
import datetime as dt
import math
import random
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from generator.vetting import signatures
from generator.vetting.approve import approved_text
from generator.problems import Problem
from generator.source.yamlload import parse

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 21)
# Everything but the job orders is copied from the project as it is.
COPIED = ("content/agencies.yml", "content/reviewers.yml", "content/countries", "content/pages", "courses", "theme", "site_config.yml")

DEMO = "demo-reviewer"
DEMO_KEY = ROOT / "demo-keys" / "DEMO-reviewer_ed25519"


def _sign(message: str) -> str:
    return signatures.sign(DEMO_KEY, message)


PREFIX = {"SG": "sg", "JP": "jp", "DZ": "dz", "AE": "ae", "CN-GD": "gd"}

TITLES = {
    "construction": [("建筑钢筋工", "Construction rebar worker"), ("钢筋绑扎工", "Rebar fixer"),
                     ("建筑木工（模板）", "Formwork carpenter"), ("混凝土工", "Concrete worker"),
                     ("架子工", "Scaffolder"), ("砌筑工", "Bricklayer"), ("抹灰工", "Plasterer"),
                     ("瓷砖铺贴工", "Tiler"), ("建筑普工", "General construction worker")],
    "welding": [("电焊工", "Welder"), ("二氧化碳保护焊工", "CO2 (MAG) welder"), ("氩弧焊工", "TIG welder"),
                ("钢结构焊工", "Structural steel welder"), ("管道焊工", "Pipe welder")],
    "sewing": [("服装缝纫工", "Garment sewing-machine operator"), ("裁剪工", "Garment cutter"),
               ("整烫工", "Garment presser"), ("缝纫质检员", "Garment quality checker")],
    "food_processing": [("食品加工工", "Food-processing worker"), ("水产加工工", "Seafood-processing worker"),
                        ("便当制作工", "Boxed-meal production worker"), ("面包烘焙工", "Bakery production worker")],
    "electronics": [("电子装配工", "Electronics assembler"), ("电路板焊接检验工", "Circuit-board soldering and inspection worker"),
                    ("SMT操作工", "SMT machine operator"), ("手机组装工", "Mobile-phone assembler"),
                    ("电子质检员", "Electronics quality inspector")],
}

CITIES = {
    "SG": [("新加坡", "Singapore"), ("新加坡裕廊", "Jurong, Singapore"), ("新加坡淡滨尼", "Tampines, Singapore"),
           ("新加坡兀兰", "Woodlands, Singapore"), ("新加坡大士", "Tuas, Singapore")],
    "JP": [("爱知县丰田市", "Toyota, Aichi"), ("静冈县滨松市", "Hamamatsu, Shizuoka"), ("茨城县水户市", "Mito, Ibaraki"),
           ("岐阜县岐阜市", "Gifu, Gifu"), ("香川县高松市", "Takamatsu, Kagawa"), ("北海道札幌市", "Sapporo, Hokkaido")],
    "DZ": [("阿尔及尔", "Algiers"), ("奥兰", "Oran"), ("君士坦丁", "Constantine"), ("塞蒂夫", "Sétif"), ("安纳巴", "Annaba")],
    "AE": [("迪拜", "Dubai"), ("阿布扎比", "Abu Dhabi"), ("沙迦", "Sharjah"), ("阿治曼", "Ajman")],
    "CN-GD": [("广东省东莞市塘厦镇", "Tangxia Town, Dongguan, Guangdong"), ("广东省深圳市宝安区", "Bao'an District, Shenzhen, Guangdong"),
              ("广东省佛山市顺德区", "Shunde District, Foshan, Guangdong"), ("广东省惠州市仲恺区", "Zhongkai District, Huizhou, Guangdong"),
              ("广东省中山市小榄镇", "Xiaolan Town, Zhongshan, Guangdong"), ("广东省江门市蓬江区", "Pengjiang District, Jiangmen, Guangdong")],
}

BRANDS = [("华辉", "Huahui"), ("金盛", "Jinsheng"), ("瑞丰", "Ruifeng"), ("宏远", "Hongyuan"), ("恒通", "Hengtong"),
          ("新力", "Xinli"), ("安达", "Anda"), ("永泰", "Yongtai"), ("嘉禾", "Jiahe"), ("鼎鑫", "Dingxin"),
          ("立信", "Lixin"), ("海晟", "Haisheng"), ("南星", "Nanxing"), ("合力", "Heli"), ("东方", "Dongfang"),
          ("远航", "Yuanhang"), ("明峰", "Mingfeng"), ("润达", "Runda"), ("天成", "Tiancheng"), ("博远", "Boyuan")]
KIND = {"construction": ("建筑", "Construction"), "welding": ("钢结构", "Steel Structures"),
        "sewing": ("服装", "Garments"), "food_processing": ("食品", "Foods"), "electronics": ("电子", "Electronics")}
EMPLOYER = {
    "SG": ("新加坡{b}{k}私人有限公司", "{B} {K} Pte Ltd"),
    "JP": ("{b}{k}株式会社", "{B} {K} Co., Ltd."),
    "DZ": ("{b}{k}阿尔及利亚有限公司", "{B} {K} Algeria SARL"),
    "AE": ("阿联酋{b}{k}有限责任公司", "{B} {K} LLC"),
    "CN-GD": ("{c}{b}{k}有限公司", "{B} {K} Co., Ltd. ({C})"),
}

# Paragraphs of a description: per topic, variants as (zh, en) templates. The work
# paragraph depends on the trade; five more topics are drawn per order.
WORK = {
    "construction": [
        ("**工作内容**：在{city}的{emp}承建的住宅和厂房项目工地担任{title}，按施工图纸和班组长安排完成本工种作业，配合木工、钢筋和混凝土班组交叉施工，保持作业面整洁。",
         "**The work:** you work as a {title_l} on housing and factory projects that {emp_en} builds in {city_en}. You do the work of your trade to the drawings and as the foreman directs, work alongside the formwork, rebar and concrete crews, and keep your work area tidy and safe for the next crew."),
        ("**工作内容**：{emp}在{city}有多个在建项目，本岗位{title}负责按图纸和技术交底施工，每天开工前参加班前安全讲话，完工后由质检员验收，不合格的部位按要求返工。",
         "**The work:** {emp_en} has several projects under way in {city_en}. As a {title_l} you build to the drawings and the method statement, attend the safety briefing before each shift, and have your work checked by the site inspector, redoing any part that does not pass."),
    ],
    "welding": [
        ("**工作内容**：在{city}的{emp}钢结构车间和安装现场担任{title}，焊接梁、柱、支撑等构件，焊前检查坡口和焊材，焊后清理焊渣并自检，重要焊缝由第三方探伤检测。",
         "**The work:** you work as a {title_l} in the steel-structure workshop and on the erection sites of {emp_en} in {city_en}. You weld beams, columns and bracing, check the joint preparation and consumables first, clean and inspect your welds after, and key welds are tested by an independent inspector."),
        ("**工作内容**：{emp}为{city}的工业项目制作钢结构和管道，{title}按焊接工艺卡施焊，使用公司提供的焊机和防护用品，焊缝外观和探伤合格率计入个人考核。",
         "**The work:** {emp_en} fabricates steel structures and piping for industrial projects in {city_en}. As a {title_l} you weld to the welding procedure sheets with machines and protective equipment the company provides; the look of your welds and their test results count in your monthly review."),
    ],
    "sewing": [
        ("**工作内容**：在{city}的{emp}工厂担任{title}，生产衬衫、工作服和童装，按工艺单完成本工序，产量和质量由班组长每日记录，新员工有两周的带教期。",
         "**The work:** you work as a {title_l} at the {emp_en} factory in {city_en}, which makes shirts, workwear and children's clothes. You do your step of the work to the process sheet, the team leader records your output and quality each day, and new staff get two weeks of coaching."),
        ("**工作内容**：{emp}位于{city}，主要为日本国内品牌加工服装。{title}在流水线上按标准工时作业，车间有空调，针距、线迹等质量要求在上岗培训时讲解。",
         "**The work:** {emp_en} in {city_en} makes clothes for Japanese brands. As a {title_l} you work on a production line to standard times in an air-conditioned workshop; quality rules such as stitch length and seams are taught in your first days of training."),
    ],
    "food_processing": [
        ("**工作内容**：在{city}的{emp}食品厂担任{title}，进行原料清洗、切配、包装和装箱，严格遵守卫生规定，进车间前换工作服、洗手消毒，上岗前须取得健康证明。",
         "**The work:** you work as a {title_l} at the {emp_en} food plant in {city_en}: washing, cutting, packing and boxing products. Hygiene rules are strict: you change into work clothes and wash and disinfect your hands before entering, and you need a health certificate before you start."),
        ("**工作内容**：{emp}在{city}为超市和便利店生产食品，{title}在冷藏车间或常温车间轮岗，公司提供保暖工作服和手套，按食品安全规定记录每批产品的温度和时间。",
         "**The work:** {emp_en} in {city_en} makes food for supermarkets and convenience stores. As a {title_l} you rotate between the chilled and the ambient workshops, wear the warm workwear and gloves the company provides, and log the temperature and time of every batch as food-safety rules require."),
    ],
    "electronics": [
        ("**工作内容**：在{city}的{emp}工厂担任{title}，在无尘或防静电车间进行装配、检测和包装，按作业指导书操作，发现不良品及时标识并交给组长处理。",
         "**The work:** you work as a {title_l} at the {emp_en} factory in {city_en}, assembling, testing and packing products in a clean, antistatic workshop. You follow the work instruction sheets, and mark any faulty unit you find and hand it to the team leader."),
        ("**工作内容**：{emp}位于{city}，生产手机配件和小家电电路板。{title}按工位轮换，上岗前进行三天培训，考核合格后独立作业，工厂提供防静电服、手环和护目镜。",
         "**The work:** {emp_en} in {city_en} makes phone accessories and circuit boards for small appliances. As a {title_l} you rotate between stations after three days of training and a short test; the factory issues antistatic clothing, wrist straps and safety glasses."),
    ],
}

TOPICS = [
    [("**住宿**：雇主提供集体宿舍，每间住四至六人，有空调、热水和洗衣机，宿舍到工作地点有班车。住宿费按合同写明的标准执行，不另外收取其他费用。",
      "**Housing:** the employer provides a shared dormitory, four to six to a room, with air conditioning, hot water and washing machines, and a bus to work. Any housing charge is the one written in the contract; nothing else may be taken from your pay for it."),
     ("**住宿**：宿舍距离工作地点步行约十分钟，房间有床铺、储物柜和风扇，公共厨房可以自己做饭。入住时和舍友一起检查设施，有损坏及时报告管理员。",
      "**Housing:** the dormitory is about ten minutes on foot from work. Rooms have beds, lockers and fans, and there is a shared kitchen where you can cook. Check the room with your roommates when you move in and report anything broken to the warden."),
     ("**住宿与伙食**：雇主提供住宿，伙食可以在食堂就餐或自己做饭，每月发放伙食补贴，金额写在合同中。宿舍实行门禁，访客须登记。",
      "**Housing and meals:** the employer provides housing; you may eat in the canteen or cook for yourself, with a monthly meal allowance stated in the contract. The dormitory has a gate system and visitors must sign in.")],
    [("**日常作息**：每周工作{hours}小时，每月休息{rest}天，早上八点开工，中午休息一小时。加班须本人同意，按合同和当地法律支付加班费，加班时间记在考勤表上，可以随时查看。",
      "**Daily routine:** {hours} hours a week with {rest} rest days a month, starting at 8:00 with an hour for lunch. Overtime needs your consent and is paid as the contract and local law say; it is recorded on the time sheet, which you may check at any time."),
     ("**日常作息**：实行白班，每周{hours}小时，每月至少休息{rest}天。雇主按月公布排班表，需要调班时提前告知。节假日按当地规定安排休息或支付加班费。",
      "**Daily routine:** day shifts of {hours} hours a week, with at least {rest} rest days a month. The employer posts the roster each month and tells you in advance of any change. Public holidays are rest days or paid as overtime, as local rules say.")],
    [("**工资发放**：工资为{wage}，每月十日前通过银行转账发放到本人账户，雇主提供工资条，写明基本工资、加班费和扣款项目。合同期内工资不得低于合同约定。",
      "**Pay:** {wage_en}, paid by bank transfer into your own account by the 10th of each month, with a payslip that lists basic pay, overtime and every deduction. Your pay may never be lower than the contract says."),
     ("**工资发放**：基本工资{wage}，另有全勤奖和技能津贴。工资直接发给本人，任何人不得代领或扣押。对工资有疑问，可以先问雇主人事部门，也可以打服务中心热线。",
      "**Pay:** a basic wage of {wage_en}, plus an attendance bonus and a skills allowance. Your pay goes to you alone: nobody may collect or hold it for you. If your pay seems wrong, ask the employer's personnel office first or call the Centre's hotline.")],
    [("**安全**：上岗前参加安全培训，雇主免费配发安全帽、手套、劳保鞋等防护用品。发现危险可以停止作业并报告班组长，不会因此受罚。受伤后立即就医并通知服务中心。",
      "**Safety:** you get safety training before you start, and the employer issues helmets, gloves, safety boots and other protective equipment free of charge. You may stop work and tell the foreman if you see danger, and you will not be punished for it. If you are hurt, see a doctor at once and tell the Centre."),
     ("**安全与健康**：工作场所有急救箱和紧急联系电话，夏季高温时段按规定调整作息、提供饮用水。身体不适请立即告诉管理人员，不要带病坚持工作。",
      "**Safety and health:** every workplace has a first-aid kit and emergency numbers posted. In the hot season hours are adjusted as the rules require and drinking water is provided. If you feel unwell, tell a supervisor at once; do not keep working while ill.")],
    [("**出发前培训**：录用后须完成出国前培训课程，内容包括目的地法律、风俗禁忌、劳动权益和安全常识，培训结束有自测题。不培训不外派。",
      "**Training before departure:** once selected you must complete the pre-departure courses on the destination's laws and customs, your rights at work and basic safety; each ends with a self-check quiz. No training, no departure."),
     ("**培训**：出发前在服务中心参加集中培训，学习{title}岗位要求、当地生活常识和紧急求助方法。培训免费，期间提供午餐。",
      "**Training:** before you leave you attend classes at the Centre on what the {title_l} job requires, everyday life at the destination and how to get help in an emergency. The training is free and lunch is provided.")],
    [("**出发前请准备**：身份证、户口簿和相关技能证书原件，常用药品，换洗衣物和适合当地气候的衣服。出发前再看一遍合同，有不清楚的地方当场问清楚。",
      "**What to bring:** your ID card, household register and original skills certificates, everyday medicines, and clothes for the local climate. Read your contract once more before you leave and ask about anything that is not clear."),
     ("**出发前请准备**：办好护照后自己保管好，复印一份交家人。带上家人和服务中心的联系电话，手机开通国际漫游或到当地后购买电话卡。",
      "**Before you go:** keep your passport yourself once it is issued and leave a copy with your family. Take your family's and the Centre's phone numbers, and turn on roaming or buy a local SIM card when you arrive.")],
    [("**合同与证件**：出发前签订书面劳务合同，合同一式多份，本人保留一份。护照和身份证由本人保管，雇主和中介不得扣押，不收取押金。",
      "**Contract and papers:** you sign a written contract before departure and keep your own copy. Your passport and ID stay with you; neither the employer nor the agency may hold them, and nobody may ask you for a deposit."),
     ("**合同期限**：合同期{months}个月，期满可以按双方意愿续签。合同期内如遇纠纷，可以联系服务中心和中国驻当地使领馆寻求帮助。",
      "**Contract term:** {months} months, which may be renewed if both sides agree. If a dispute arises during the contract, you can turn to the Centre and to the Chinese embassy or consulate for help.")],
    [("**当地生活**：{city}生活便利，宿舍附近有超市和诊所。请遵守当地法律和风俗，不参与赌博，不私自外出打工，节假日外出结伴同行。",
      "**Local life:** daily life in {city_en} is convenient, with shops and a clinic near the dormitory. Obey local law and customs, do not gamble, do not take side jobs, and go out with friends on your days off."),
     ("**当地生活**：{city}有华人商店和中餐馆，可以买到常用食品。公司每月组织一次集体活动，有困难可以找中方管理人员。",
      "**Local life:** {city_en} has Chinese shops and restaurants where you can buy familiar food. The company holds a group outing once a month, and Chinese-speaking staff are there to help if you run into trouble.")],
    [("**报名方式**：本岗位招聘{positions}人，请本人携带身份证到服务中心集中报名窗口报名，报名和选拔不收费。报名截止{apply}，选拔时间另行通知。",
      "**How to apply:** {positions} places. Come in person with your ID card to the Centre's registration window; applying and selection are free. Applications close on {apply_en}; you will be told when selection takes place."),
     ("**报名须知**：只在服务中心窗口报名，不要通过个人或网上中介交钱报名。招聘{positions}人，报名截止{apply}。如有人以本岗位名义收费，请拨打举报电话。",
      "**Please note:** apply only at the Centre's window, never by paying a person or an online agent. {positions} places; applications close on {apply_en}. If anyone asks you for money in this job's name, call the complaints line.")],
]


def _literal(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, _literal)


def _templates() -> list[dict]:
    """The sample orders, each set open (closed ones too: they are valid and approved)."""
    out = []
    for path in sorted((ROOT / "content" / "jobs").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        data["status"] = "open"
        out.append(data)
    return out


def _ceil_to(x: float, step: float) -> float:
    v = math.ceil(x / step) * step
    return int(v) if float(v).is_integer() else round(v, 2)


def _wage_text(wage: dict) -> tuple[str, str]:
    per_zh = {"hour": "小时", "day": "天", "month": "月"}[wage["per"]]
    return (f"{wage['currency']} {wage['amount']:,}/{per_zh}", f"{wage['currency']} {wage['amount']:,} a {wage['per']}")


def make_job(i: int, template: dict, rng: random.Random) -> dict:
    job = copy.deepcopy(template)
    country, trade = job["employer"]["country"], job["trade"]
    job_id = f"{PREFIX[country]}-2026-b{i:05d}"
    job["id"] = job_id
    job["filing"] = {"number": f"WP-B-{i:05d}"}
    if country.startswith("CN-"):
        job["agency"] = rng.choice(["qihang-hr", "hanyang-intl"])
    else:
        job["agency"] = "hanyang-intl"       # the only sample agency with a valid overseas licence
    if country == "SG":
        job["visa"] = rng.choice(["work_permit", "work_permit", "s_pass"])
    title_zh, title_en = rng.choice(TITLES[trade])
    city_zh, city_en = rng.choice(CITIES[country])
    brand_zh, brand_en = rng.choice(BRANDS)
    kind_zh, kind_en = KIND[trade]
    city_short = city_zh.split("省")[-1][:3]
    emp_zh = EMPLOYER[country][0].format(b=brand_zh, k=kind_zh, c=city_short)
    emp_en = EMPLOYER[country][1].format(B=brand_en, K=kind_en, C=city_en.split(",")[-2].strip()
                                          if city_en.count(",") >= 1 else city_en)
    job["employer"]["name"] = {"zh": emp_zh, "en": emp_en}
    job["employer"]["city"] = {"zh": city_zh, "en": city_en}
    job["title"] = {"zh": title_zh, "en": title_en}
    job["positions"] = rng.randint(3, 80)
    posted = TODAY - dt.timedelta(days=rng.randint(0, 80))
    apply_by = TODAY + dt.timedelta(days=rng.randint(10, 130))
    selection = apply_by + dt.timedelta(days=rng.randint(5, 25))
    starts_month = selection.month + rng.randint(1, 2)
    job["posted_on"], job["apply_by"] = posted, apply_by
    job["starts"] = f"{selection.year + (starts_month - 1) // 12}-{(starts_month - 1) % 12 + 1:02d}"
    job["selection"]["date"] = selection
    wage = job["wage"]
    # Only ever up from the template's wage, which is lawful: never below a minimum wage.
    step = {("JPY", "month"): 1000, ("JPY", "hour"): 10, ("CNY", "hour"): 1}.get((wage["currency"], wage["per"]), 50)
    wage["amount"] = _ceil_to(wage["amount"] * (1 + rng.random() * 0.35), step)
    wage_zh, wage_en = _wage_text(wage)
    ctx = dict(city=city_zh, city_en=city_en, emp=emp_zh, emp_en=emp_en, title=title_zh,
               title_l=title_en[0].lower() + title_en[1:] if not title_en[:3].isupper() else title_en,
               hours=job["contract"]["hours_per_week"], rest=job["contract"]["rest_days_per_month"],
               months=job["contract"]["months"], wage=wage_zh, wage_en=wage_en, positions=job["positions"],
               apply=f"{apply_by.year}年{apply_by.month}月{apply_by.day}日", apply_en=apply_by.strftime("%-d %B %Y"))
    paragraphs = [rng.choice(WORK[trade])] + [rng.choice(t) for t in sorted(rng.sample(TOPICS, 5), key=TOPICS.index)]
    job["description"] = {
        "zh": "\n\n".join(zh.format(**ctx) for zh, _ in paragraphs) + "\n",
        "en": "\n\n".join(en.format(**ctx) for _, en in paragraphs) + "\n",
    }
    return job


def make_tree(dest: Path, n: int, seed: int = 7, approver: str = DEMO) -> dict:
    """Write a project tree with n generated job orders into `dest`; return statistics."""
    dest.mkdir(parents=True, exist_ok=True)
    for rel in COPIED:
        src, dst = ROOT / rel, dest / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
    jobs_dir = dest / "content" / "jobs"
    jobs_dir.mkdir(parents=True, exist_ok=True)
    templates = _templates()
    rng = random.Random(seed)
    zh_chars, en_words, ids, todo = 0, 0, [], []
    for i in range(n):
        job = make_job(i, templates[i % len(templates)], rng)
        text = yaml.dump(job, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
        shown = f"content/jobs/{job['id']}.yml"
        doc = parse(text, shown)
        if isinstance(doc, Problem):
            raise RuntimeError(f"generated order does not parse: {doc}")
        todo.append((job["id"], doc, job["posted_on"] - dt.timedelta(days=rng.randint(0, 4))))
        zh_chars += len(job["description"]["zh"])
        en_words += len(job["description"]["en"].split())
        ids.append(job["id"])
    # One ssh-keygen per signature: in parallel, as the build verifies them.
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda t: approved_text(t[1], approver, t[2], _sign), todo))
    for (job_id, _, _), text in zip(todo, texts):
        if isinstance(text, Problem):
            raise RuntimeError(f"could not approve a generated order: {text}")
        (jobs_dir / f"{job_id}.yml").write_text(text, encoding="utf-8")
    return {"jobs": n, "job_ids": ids, "description_zh_chars_mean": round(zh_chars / max(n, 1)),
            "description_en_words_mean": round(en_words / max(n, 1))}


def retitle(path: Path, zh: str, en: str, approver: str = DEMO, on: dt.date = TODAY) -> str:
    """The text of a job order with a new title, approved again (as staff would after review)."""
    doc = parse(path.read_text("utf-8"), path.name)
    data = copy.deepcopy(doc.data)
    lines = doc.text.split("\n")
    # Edit the two title lines in place, as an editor would; everything else unchanged.
    start = doc.lines[("title",)] - 1
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith("zh:"):
            lines[i] = lines[i][:lines[i].index("zh:")] + f"zh: {zh}"
        elif stripped.startswith("en:"):
            lines[i] = lines[i][:lines[i].index("en:")] + f"en: {en}"
            break
    edited = parse("\n".join(lines), path.name)
    if isinstance(edited, Problem) or edited.data["title"] != {"zh": zh, "en": en} or \
            {k: v for k, v in edited.data.items() if k != "title"} != {k: v for k, v in data.items() if k != "title"}:
        raise RuntimeError("could not edit the title")
    text = approved_text(edited, approver, on, _sign)
    if isinstance(text, Problem):
        raise RuntimeError(f"could not approve the edited order: {text}")
    return text
