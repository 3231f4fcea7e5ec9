"""The words an item line is read with: elements, forms, shapes, noise (English, Chinese, Japanese).

Element names, symbols and the Chinese and Japanese names are those of the glossary (glossary.md);
the other elements are there only so that a formula such as ``SmCo5`` or ``NdFeB`` can be read
whole, and so that an element the catalogue does not list is seen, never ignored. What is listed,
in which form and above which purity, is data in ``rules/data/items.csv``, never here.
"""

from __future__ import annotations

# fmt: off
ELEMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: (symbol, Chinese and Japanese names); graphite is read like an element
    "samarium": ("Sm", ("钐", "サマリウム")),
    "gadolinium": ("Gd", ("钆", "ガドリニウム")),
    "terbium": ("Tb", ("铽", "テルビウム")),
    "dysprosium": ("Dy", ("镝", "ジスプロシウム")),
    "lutetium": ("Lu", ("镥", "ルテチウム")),
    "scandium": ("Sc", ("钪", "スカンジウム")),
    "yttrium": ("Y", ("钇", "イットリウム")),
    "holmium": ("Ho", ("钬", "ホルミウム")),
    "erbium": ("Er", ("铒", "エルビウム")),
    "thulium": ("Tm", ("铥", "ツリウム")),
    "europium": ("Eu", ("铕", "ユウロピウム")),
    "ytterbium": ("Yb", ("镱", "イッテルビウム")),
    "neodymium": ("Nd", ("钕", "ネオジム", "ネオジウム")),
    "praseodymium": ("Pr", ("镨", "プラセオジム")),
    "lanthanum": ("La", ("镧", "ランタン")),
    "cerium": ("Ce", ("铈", "セリウム")),
    "gallium": ("Ga", ("镓", "ガリウム")),
    "germanium": ("Ge", ("锗", "ゲルマニウム")),
    "antimony": ("Sb", ("锑", "アンチモン")),
    "tungsten": ("W", ("钨", "タングステン")),
    "tellurium": ("Te", ("碲", "テルル")),
    "bismuth": ("Bi", ("铋", "ビスマス")),
    "molybdenum": ("Mo", ("钼", "モリブデン")),
    "indium": ("In", ("铟", "インジウム")),
    "cobalt": ("Co", ("钴", "コバルト")),
    "iron": ("Fe", ("铁", "鉄")),
    "nickel": ("Ni", ("镍", "ニッケル")),
    "copper": ("Cu", ("铜", "銅")),
    "aluminium": ("Al", ("铝", "アルミニウム")),
    "magnesium": ("Mg", ("镁", "マグネシウム")),
    "zinc": ("Zn", ("锌", "亜鉛")),
    "zirconium": ("Zr", ("锆", "ジルコニウム")),
    "titanium": ("Ti", ("钛", "チタン")),
    "lithium": ("Li", ("锂", "リチウム")),
    "silicon": ("Si", ("硅", "ケイ素")),
    "boron": ("B", ("硼", "ホウ素")),
    "carbon": ("C", ()),
    "nitrogen": ("N", ()),
    "phosphorus": ("P", ()),
    "arsenic": ("As", ("砷",)),
    "selenium": ("Se", ("硒", "セレン")),
    "sulfur": ("S", ()),
    "chlorine": ("Cl", ()),
    "fluorine": ("F", ()),
    "hydrogen": ("H", ()),
    "oxygen": ("O", ()),
    "graphite": ("", ("石墨", "黒鉛", "グラファイト")),
}
# fmt: on

SYMBOLS: dict[str, str] = {sym: name for name, (sym, _) in ELEMENTS.items() if sym}
"""Symbol to element name."""

ALIASES: dict[str, str] = {"aluminum": "aluminium", "sulphur": "sulfur", "wolfram": "tungsten"}
"""Other spellings of element names."""

NON_METALS = frozenset(
    {"boron", "carbon", "nitrogen", "phosphorus", "arsenic", "selenium", "sulfur", "chlorine"}
    | {"fluorine", "hydrogen", "oxygen", "silicon", "antimony", "tellurium"}
)
"""Elements that make a formula a compound (an oxide when oxygen is the only one)."""

LIGHT = frozenset(
    {"boron", "carbon", "nitrogen", "phosphorus", "sulfur", "chlorine", "fluorine", "hydrogen"}
    | {"oxygen", "silicon", "selenium", "arsenic"}
)
"""Elements a formula is never made of alone on an invoice: "PO", "CN", "HS" are initials."""

ANIONS: dict[str, str] = {
    "nitride": "nitrogen",
    "arsenide": "arsenic",
    "phosphide": "phosphorus",
    "selenide": "selenium",
    "antimonide": "antimony",
    "chloride": "chlorine",
    "tetrachloride": "chlorine",
    "trichloride": "chlorine",
    "fluoride": "fluorine",
    "hydride": "hydrogen",
    "sulfide": "sulfur",
    "sulphide": "sulfur",
    "carbide": "carbon",
    "boride": "boron",
    "telluride": "tellurium",
}
"""Words for a binary compound and the element they add ("gallium nitride": gallium, nitrogen)."""

CJK_ANIONS: dict[str, str] = {
    "氮化": "nitrogen",
    "窒化": "nitrogen",
    "砷化": "arsenic",
    "ヒ化": "arsenic",
    "磷化": "phosphorus",
    "リン化": "phosphorus",
    "硒化": "selenium",
    "セレン化": "selenium",
    "锑化": "antimony",
    "氯化": "chlorine",
    "塩化": "chlorine",
    "氟化": "fluorine",
    "フッ化": "fluorine",
}
"""The same in Chinese and Japanese."""

FORM_WORDS: dict[str, str] = {
    "oxide": "oxide",
    "dioxide": "oxide",
    "trioxide": "oxide",
    "sesquioxide": "oxide",
    "metal": "metal",
    "metallic": "metal",
    "alloy": "alloy",
    "compound": "compound",
    "salt": "compound",
    "nitrate": "compound",
    "carbonate": "compound",
    "sulfate": "compound",
    "sulphate": "compound",
    "acetate": "compound",
    "oxalate": "compound",
    "hydroxide": "compound",
    "magnet": "magnet",
    "target": "target",
    "substrate": "substrate",
    "wafer": "substrate",
    "ore": "ore",
    "concentrate": "ore",
    "technology": "technology",
    "know-how": "technology",
}
"""English form words (singular) and the catalogue form they stand for."""

CJK_FORMS: dict[str, str] = {
    "氧化物": "oxide",
    "酸化物": "oxide",
    "氧化": "oxide",
    "酸化": "oxide",
    "金属": "metal",
    "合金": "alloy",
    "化合物": "compound",
    "永磁材料": "magnet",
    "磁体": "magnet",
    "磁铁": "magnet",
    "磁石": "magnet",
    "靶材": "target",
    "ターゲット": "target",
    "衬底": "substrate",
    "基板": "substrate",
    "ウェハ": "substrate",
    "精矿": "ore",
    "矿": "ore",
    "鉱石": "ore",
    "技术": "technology",
    "技術": "technology",
    "锭": "ingot",
    "インゴット": "ingot",
}
"""Chinese and Japanese form words."""

SHAPES = frozenset(
    {"ingot", "lump", "piece", "granule", "grain", "chunk", "bar", "rod", "sheet", "foil"}
    | {"wire", "chip", "shot", "button", "sponge", "block", "disc", "disk", "plate", "powder"}
    | {"tube", "pellet", "bead", "crystal", "flake", "nugget", "cake", "ring", "arc", "segment"}
    | {"cylinder", "cube"}
)
"""Shapes: a shape says nothing of the form, except that a bare shape of an element is its metal."""

NEGATIONS = frozenset({"free", "without", "non", "excluding", "exclude", "ex", "no", "not"})
"""Words that take an element away ("Dy-free", "without Dy", "no heavy rare earths")."""

CJK_NEGATIONS: tuple[str, ...] = ("不含", "无", "フリー", "不使用")
"""The same in Chinese and Japanese (the element follows 不含/无 and precedes フリー)."""

NOISE = frozenset(
    {"kg", "kgs", "g", "t", "mt", "ton", "tons", "tonne", "tonnes", "lb", "lbs", "pcs", "pc"}
    | {"bag", "drum", "pallet", "box", "carton", "case", "bottle", "jar", "tin", "can", "net"}
    | {"gross", "each", "per", "x", "qty", "quantity", "lot", "batch", "packing", "packed", "in"}
    | {"of", "and", "with", "for", "the", "a", "an", "to", "by", "as", "on", "grade", "purity"}
    | {"min", "minimum", "max", "high", "pure", "fine", "mesh", "um", "mm", "cm", "dia", "size"}
    | {"sintered", "bonded", "coated", "plated", "nickel-plated", "type", "spec", "item", "no"}
    | {"containing", "contain", "doped", "based", "rare", "earth", "heavy", "light", "permanent"}
    | {"sputtering", "material", "product", "mixture", "mixed", "goods", "sample"}
    | {"standard", "industrial", "technical", "electronic", "reagent", "battery", "use"}
)
"""Invoice words that never decide a reading (packing, quantities, grades, connectives)."""

PACKING = frozenset(
    {"kg", "kgs", "g", "t", "mt", "ton", "tons", "tonne", "tonnes", "lb", "lbs", "pcs", "pc"}
    | {"bag", "drum", "pallet", "box", "carton", "case", "bottle", "jar", "tin", "can", "net"}
    | {"gross", "each", "per", "x", "qty", "quantity", "lot", "batch", "packing", "packed", "in"}
    | {"of", "and", "with", "for", "the", "a", "an", "to", "by", "as", "on", "mm", "cm", "um"}
)
"""The part of the noise left out even when a line is compared with catalogue names."""


PURPOSE = frozenset({"for", "used", "application", "intended"})
"""Words after which a line says what the item is for, not what it is."""


def element_word(word: str) -> str | None:
    """The element an English element name (any case, singular) stands for."""
    key = word.casefold()
    key = ALIASES.get(key, key)
    return key if key in ELEMENTS else None


CJK_ELEMENTS: dict[str, str] = {cjk: name for name, (_, names) in ELEMENTS.items() for cjk in names}
"""Chinese and Japanese element names to element names."""

__all__ = [
    "ANIONS",
    "CJK_ANIONS",
    "CJK_ELEMENTS",
    "CJK_FORMS",
    "CJK_NEGATIONS",
    "ELEMENTS",
    "FORM_WORDS",
    "LIGHT",
    "NEGATIONS",
    "NOISE",
    "NON_METALS",
    "PACKING",
    "PURPOSE",
    "SHAPES",
    "SYMBOLS",
    "element_word",
]
