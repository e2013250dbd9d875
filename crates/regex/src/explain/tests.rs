use super::*;

fn tree(pattern: &str) -> Vec<Node> {
    explain(pattern, Flavor::Rust, Flags::default()).unwrap()
}

fn fancy(pattern: &str) -> Vec<Node> {
    explain(pattern, Flavor::Fancy, Flags::default()).unwrap()
}

fn flat(nodes: &[Node]) -> Vec<&Node> {
    let mut out = Vec::new();
    for node in nodes {
        out.push(node);
        out.extend(flat(&node.children));
    }
    out
}

/// The node whose source is exactly `source`.
fn find<'a>(nodes: &'a [Node], source: &str) -> &'a Node {
    flat(nodes)
        .into_iter()
        .find(|node| node.source == source)
        .unwrap_or_else(|| panic!("no node for {source:?} in {nodes:#?}"))
}

#[test]
fn every_span_matches_its_source() {
    for (pattern, flavor) in [
        (
            r"(?i)a.b|^c$[^a-z\d&&\w]+?(?<n>x)\b\pL\p{Greek}\P{sc=Latin}\x41\u{e9}\n\.\%{2,}",
            Flavor::Rust,
        ),
        (r"(?<=é)(\w)\1(?!x)(?>a|b)++\k<n>(?<n>y)", Flavor::Fancy),
    ] {
        let nodes = explain(pattern, flavor, Flags::default()).unwrap();
        for node in flat(&nodes) {
            assert_eq!(&pattern[node.start..node.end], node.source, "{node:?}");
            assert!(!node.description.is_empty());
        }
    }
}

#[test]
fn literals_merge_into_runs_and_escapes_are_named() {
    let nodes = tree(r"abc\.d\n\x41\u{E9}\%");
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0].kind, "literal");
    assert!(
        nodes[0].description.starts_with("Matches the text \"abc.d\\nAé%\" literally"),
        "{:?}",
        nodes[0]
    );
    assert!(find(&nodes, r"\.").description.contains("removes its special meaning"));
    assert!(find(&nodes, r"\n").description.contains("line feed"));
    assert!(find(&nodes, r"\x41").description.contains("hexadecimal escape (code point U+0041)"));
    assert!(find(&nodes, r"\u{E9}").description.contains("U+00E9"));
    assert!(find(&nodes, r"\%").description.contains("not needed"));
    let nodes = tree("é");
    assert_eq!(nodes[0].description, "Matches \"é\" (U+00E9).");
    assert_eq!((nodes[0].start, nodes[0].end), (0, 2));
}

#[test]
fn special_escapes_and_verbose_space() {
    let flags = Flags::parse("x").unwrap();
    let nodes = explain(r"a\ b # comment", Flavor::Rust, flags).unwrap();
    assert!(find(&nodes, r"\ ").description.contains("a space literally"));
    let comment = find(&nodes, "# comment");
    assert_eq!(comment.kind, "comment");
    assert!(comment.description.contains("\"comment\""));
    for (escape, words) in [
        (r"\t", "tab"),
        (r"\r", "carriage return"),
        (r"\a", "bell"),
        (r"\f", "form feed"),
        (r"\v", "vertical tab"),
    ] {
        assert!(tree(escape)[0].description.contains(words), "{escape}");
    }
}

#[test]
fn dot_depends_on_the_s_flag() {
    assert!(tree(".")[0].description.contains("except a line feed"));
    assert!(tree("(?s).")[1].description.contains("including line breaks"));
    let flags = Flags::parse("s").unwrap();
    assert!(
        explain(".", Flavor::Rust, flags).unwrap()[0].description.contains("including line breaks")
    );
    assert!(tree("(?R).")[1].description.contains("carriage return"));
}

#[test]
fn anchors_and_word_boundaries() {
    assert!(tree("^")[0].description.contains("the start of the text"));
    assert!(tree("(?m)^")[1].description.contains("the start of a line"));
    let multi = explain("$", Flavor::Rust, Flags::parse("m").unwrap()).unwrap();
    assert!(multi[0].description.contains("end of a line"));
    assert!(tree("$")[0].description.contains("end of the text"));
    for (pattern, words) in [
        (r"\A", "very start"),
        (r"\z", "very end"),
        (r"\b", "Word boundary"),
        (r"\B", "Not a word boundary"),
        (r"\b{start}", "Start of a word"),
        (r"\<", "Start of a word"),
        (r"\b{end}", "End of a word"),
        (r"\>", "End of a word"),
        (r"\b{start-half}", "Half a start-of-word"),
        (r"\b{end-half}", "Half an end-of-word"),
    ] {
        let node = &tree(pattern)[0];
        assert_eq!(node.kind, "anchor");
        assert!(node.description.contains(words), "{pattern}: {}", node.description);
        assert_eq!(node.source, pattern);
    }
}

#[test]
fn perl_and_unicode_classes() {
    for (pattern, words) in [
        (r"\d", "Any digit"),
        (r"\D", "not a digit"),
        (r"\s", "whitespace"),
        (r"\S", "not whitespace"),
        (r"\w", "word character"),
        (r"\W", "not a word character"),
        (r"\pL", "general category L (letter)"),
        (r"\p{Lu}", "uppercase letter"),
        (r"\PN", "NOT in the Unicode general category N (number)"),
        (r"\p{Greek}", "property or script Greek"),
        (r"\p{sc=Greek}", "property sc is Greek"),
        (r"\p{sc!=Greek}", "NOT whose Unicode property sc is Greek"),
        (r"\P{sc!=Greek}", "Any character whose Unicode property sc is Greek"),
    ] {
        let node = &tree(pattern)[0];
        assert_eq!(node.kind, "class");
        assert!(node.description.contains(words), "{pattern}: {}", node.description);
    }
}

#[test]
fn bracketed_classes_with_ranges_negation_nesting_and_set_operations() {
    let nodes = tree(r"[^a-z_\d[:alpha:][:^digit:]\p{Greek}[xy]]");
    let class = &nodes[0];
    assert!(class.description.contains("NOT listed"));
    assert!(
        find(&nodes, "a-z")
            .description
            .contains("from \"a\" to \"z\" (code points U+0061 to U+007A)")
    );
    assert!(find(&nodes, "_").description.contains("The character \"_\""));
    assert!(find(&nodes, r"\d").description.contains("Any digit"));
    assert!(find(&nodes, "[:alpha:]").description.contains("ASCII letters"));
    assert!(find(&nodes, "[:^digit:]").description.contains("any character except ASCII digits"));
    assert!(find(&nodes, r"\p{Greek}").description.contains("Greek"));
    assert!(find(&nodes, "[xy]").description.starts_with("Nested character class"));

    let nodes = tree(r"[\w&&\d]");
    let op = find(&nodes, r"\w&&\d");
    assert!(op.description.starts_with("Intersection"));
    assert!(
        op.children[0].description.starts_with("Left set: any word character"),
        "{:?}",
        op.children[0]
    );
    assert!(op.children[1].description.starts_with("Right set: any digit"), "{:?}", op.children[1]);
    assert!(find(&tree(r"[a-z--aeiou]"), "a-z--aeiou").description.starts_with("Difference"));
    assert!(find(&tree(r"[a-g~~c-z]"), "a-g~~c-z").description.starts_with("Symmetric difference"));
    let nodes = tree("[a-c]");
    assert!(
        explain("[a-c]", Flavor::Rust, Flags::parse("i").unwrap()).unwrap()[0]
            .description
            .contains("ignoring case")
    );
    assert!(!nodes[0].description.contains("ignoring case"));
}

#[test]
fn repetitions_greedy_lazy_and_exact() {
    for (pattern, words) in [
        ("a?", "zero times or once"),
        ("a*", "zero or more times"),
        ("a+", "one or more times"),
        ("a{3}", "exactly 3 times (a fixed count"),
        ("a{1}", "exactly once"),
        ("a{2,}", "at least twice"),
        ("a{2,5}", "between 2 and 5 times"),
    ] {
        let node = &tree(pattern)[0];
        assert_eq!(node.kind, "quantifier");
        assert!(node.description.contains(words), "{pattern}: {}", node.description);
        assert_eq!(node.children[0].source, "a");
    }
    assert!(tree("a+")[0].description.contains("greedy"));
    assert!(tree("a+?")[0].description.contains("lazy"));
    let swapped = explain("a+", Flavor::Rust, Flags::parse("U").unwrap()).unwrap();
    assert!(
        swapped[0].description.contains("lazy because the U flag"),
        "{}",
        swapped[0].description
    );
    let swapped = explain("a+?", Flavor::Rust, Flags::parse("U").unwrap()).unwrap();
    assert!(swapped[0].description.contains("greedy"));
    assert!(tree("(?U)a*")[1].description.contains("lazy"));
}

#[test]
fn groups_and_inline_flags() {
    let nodes = tree(r"(a)(?<year>\d)(?P<m>b)(?:c)(?i-s:d)(?x)");
    assert!(find(&nodes, "(a)").description.starts_with("Capturing group #1"));
    assert!(
        find(&nodes, r"(?<year>\d)").description.starts_with("Named capturing group \"year\" (#2)")
    );
    assert!(find(&nodes, "(?P<m>b)").description.contains("Python-style"));
    assert!(find(&nodes, "(?:c)").description.starts_with("Non-capturing group"));
    let flagged = find(&nodes, "(?i-s:d)");
    assert!(
        flagged.description.contains("case-insensitive (i) on, dot matches newline (s) off"),
        "{}",
        flagged.description
    );
    assert!(flagged.children[0].description.contains("ignoring case"));
    let set = find(&nodes, "(?x)");
    assert_eq!(set.kind, "flags");
    assert!(set.description.contains("verbose (x) on"));
    // Inline flags last until the end of the enclosing group only.
    let nodes = tree("((?i)a)a");
    assert!(nodes[0].children[1].description.contains("ignoring case"));
    assert!(!nodes[1].description.contains("ignoring case"));
}

#[test]
fn alternation_and_empty() {
    let nodes = tree("ab|c|");
    let alt = &nodes[0];
    assert_eq!(alt.kind, "alternation");
    assert!(alt.description.contains("one of 3 alternatives"));
    assert!(
        alt.children[0].description.starts_with("Alternative 1: matches the text \"ab\""),
        "{:?}",
        alt.children[0]
    );
    assert!(alt.children[1].description.starts_with("Alternative 2: matches \"c\""));
    assert!(alt.children[2].description.starts_with("Alternative 3: matches the empty string"));
    let nodes = tree(r"a\d|b");
    assert_eq!(nodes[0].children[0].kind, "alternative");
    assert_eq!(nodes[0].children[0].children.len(), 2);
    assert!(tree("")[0].description.contains("empty pattern"));
    assert_eq!(tree("()")[0].children[0].kind, "empty");
}

#[test]
fn fancy_constructs_are_explained_with_their_spans() {
    let nodes = fancy(r"(?<=\$)(\d+)(?!px)\1(?<!a)(?=b)");
    assert!(find(&nodes, r"(?<=\$)").description.starts_with("Positive look-behind"));
    assert!(find(&nodes, "(?!px)").description.starts_with("Negative look-ahead"));
    assert!(find(&nodes, "(?<!a)").description.starts_with("Negative look-behind"));
    assert!(find(&nodes, "(?=b)").description.starts_with("Positive look-ahead"));
    let backref = find(&nodes, r"\1");
    assert_eq!(backref.kind, "backreference");
    assert!(backref.description.contains("group 1 captured"));
    assert_eq!(find(&nodes, r"(?<=\$)").children[0].source, r"\$");

    let nodes = fancy(r"(?<q>['])\k<q>(?P=q)\g<q>(?>ab|a)c++\K\G\Z\h\H\e\O\N\R(*FAIL)");
    assert!(find(&nodes, r"\k<q>").description.contains("the group named \"q\""));
    assert_eq!(find(&nodes, "(?P=q)").kind, "backreference");
    assert_eq!(find(&nodes, r"\g<q>").kind, "subroutine");
    assert!(find(&nodes, "(?>ab|a)").description.starts_with("Atomic group"));
    let possessive = find(&nodes, "c++");
    assert!(possessive.description.contains("possessively"), "{}", possessive.description);
    assert_eq!(possessive.children[0].source, "c");
    for (escape, words) in [
        (r"\K", "keeps the text"),
        (r"\G", "previous match ended"),
        (r"\Z", "final line break"),
        (r"\h", "hexadecimal digit"),
        (r"\H", "not a hexadecimal digit"),
        (r"\e", "escape character"),
        (r"\O", "including line breaks"),
        (r"\N", "except a line feed"),
        (r"\R", "Any line break"),
        ("(*FAIL)", "always fails"),
    ] {
        assert!(find(&nodes, escape).description.contains(words), "{escape}");
    }

    let nodes = fancy(r"(a)?(?(1)b|c)(?~ab)");
    let conditional = find(&nodes, "(?(1)b|c)");
    assert!(
        conditional.description.contains("if group 1 has matched"),
        "{}",
        conditional.description
    );
    assert!(find(&nodes, "(?~ab)").description.starts_with("Absent repeater"));
    let nodes = fancy(r"(?(DEFINE)(?<d>\d))\g<d>");
    assert!(find(&nodes, r"(?(DEFINE)(?<d>\d))").description.starts_with("DEFINE group"));
}

#[test]
fn plain_patterns_explain_the_same_in_both_flavours() {
    let pattern = r"^(\w+)@([a-z]+)\.com$";
    assert_eq!(tree(pattern), fancy(pattern));
}

#[test]
fn invalid_patterns_give_the_parse_error() {
    let error = explain("a)", Flavor::Rust, Flags::default()).unwrap_err();
    assert_eq!(error.span(), Some(Span::new(1, 2)));
}

#[test]
fn verbose_comments_sit_inside_the_group_that_holds_them() {
    let flags = Flags::parse("x").unwrap();
    let nodes = explain("(a # first\n|b) # second", Flavor::Rust, flags).unwrap();
    assert_eq!(nodes.len(), 2);
    assert_eq!(nodes[1].kind, "comment");
    let alternation = &nodes[0].children[0];
    assert_eq!(alternation.kind, "alternation");
    assert!(
        flat(&alternation.children)
            .iter()
            .any(|node| node.source == "# first\n" || node.source == "# first")
    );
}

// ---------------------------------------------------------------------------------------------------------------
// The pcre2 flavour's tree

fn outline(nodes: &[Node]) -> Vec<(&'static str, &str)> {
    flat(nodes).into_iter().map(|node| (node.kind, node.source.as_str())).collect()
}

fn pcre2_tree(pattern: &str, flags: &str) -> Vec<Node> {
    pcre2_tree::explain(pattern, Flags::parse_pcre2(flags).unwrap())
}

/// A pattern, its flags, and its (kind, source) outline in the tree's pre-order.
type Outline = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// Each construct family of the pcre2 flavour with its outline.
const PCRE2_OUTLINES: &[Outline] = &[
    (
        r"abc\.d+",
        "",
        &[
            ("literal", r"abc\."),
            ("literal", "a"),
            ("literal", "b"),
            ("literal", "c"),
            ("literal", r"\."),
            ("quantifier", "d+"),
            ("literal", "d"),
        ],
    ),
    (
        r"\d\D\w\W\s\S\h\H\v\V\R\N\X\C",
        "",
        &[
            ("class", r"\d"),
            ("class", r"\D"),
            ("class", r"\w"),
            ("class", r"\W"),
            ("class", r"\s"),
            ("class", r"\S"),
            ("class", r"\h"),
            ("class", r"\H"),
            ("class", r"\v"),
            ("class", r"\V"),
            ("class", r"\R"),
            ("class", r"\N"),
            ("class", r"\X"),
            ("class", r"\C"),
        ],
    ),
    (
        r"\p{Lu}\P{Greek}\pL\p{^L}",
        "",
        &[("class", r"\p{Lu}"), ("class", r"\P{Greek}"), ("class", r"\pL"), ("class", r"\p{^L}")],
    ),
    (
        r"\x{41}\x41\o{101}\0101\cA\e\f\n\r\t\a",
        "",
        &[
            ("literal", r"\x{41}\x41\o{101}\0101\cA\e\f\n\r\t\a"),
            ("literal", r"\x{41}"),
            ("literal", r"\x41"),
            ("literal", r"\o{101}"),
            // \0 takes at most two more octal digits.
            ("literal", r"\010"),
            ("literal", "1"),
            ("literal", r"\cA"),
            ("literal", r"\e"),
            ("literal", r"\f"),
            ("literal", r"\n"),
            ("literal", r"\r"),
            ("literal", r"\t"),
            ("literal", r"\a"),
        ],
    ),
    (r"\Qa.b\E+c", "", &[("quantifier", r"\Qa.b\E+"), ("literal", r"\Qa.b\E"), ("literal", "c")]),
    (
        r"[^a-z\d[:alpha:][:^digit:]\]-]",
        "",
        &[
            ("class", r"[^a-z\d[:alpha:][:^digit:]\]-]"),
            ("range", "a-z"),
            ("class", r"\d"),
            ("class", "[:alpha:]"),
            ("class", "[:^digit:]"),
            ("literal", r"\]"),
            ("literal", "-"),
        ],
    ),
    (
        r"^$\A\Z\z\G\b\B\K[[:<:]]",
        "",
        &[
            ("anchor", "^"),
            ("anchor", "$"),
            ("anchor", r"\A"),
            ("anchor", r"\Z"),
            ("anchor", r"\z"),
            ("anchor", r"\G"),
            ("anchor", r"\b"),
            ("anchor", r"\B"),
            ("anchor", r"\K"),
            ("anchor", "[[:<:]]"),
        ],
    ),
    (
        r"(a)(?<n>b)(?'m'c)(?P<o>d)(?:e)",
        "",
        &[
            ("group", "(a)"),
            ("literal", "a"),
            ("group", "(?<n>b)"),
            ("literal", "b"),
            ("group", "(?'m'c)"),
            ("literal", "c"),
            ("group", "(?P<o>d)"),
            ("literal", "d"),
            ("group", "(?:e)"),
            ("literal", "e"),
        ],
    ),
    (
        r"(?|(a)|(b)(c))(d)",
        "",
        &[
            ("group", "(?|(a)|(b)(c))"),
            ("alternation", "(a)|(b)(c)"),
            ("group", "(a)"),
            ("literal", "a"),
            ("alternative", "(b)(c)"),
            ("group", "(b)"),
            ("literal", "b"),
            ("group", "(c)"),
            ("literal", "c"),
            ("group", "(d)"),
            ("literal", "d"),
        ],
    ),
    (
        r"(?>a+)(*atomic:b)",
        "",
        &[
            ("group", "(?>a+)"),
            ("quantifier", "a+"),
            ("literal", "a"),
            ("group", "(*atomic:b)"),
            ("literal", "b"),
        ],
    ),
    (
        r"(?=a)(?!b)(?<=c)(?<!d)(*pla:e)(*nlb:f)(?*g)(*napla:h)",
        "",
        &[
            ("lookaround", "(?=a)"),
            ("literal", "a"),
            ("lookaround", "(?!b)"),
            ("literal", "b"),
            ("lookaround", "(?<=c)"),
            ("literal", "c"),
            ("lookaround", "(?<!d)"),
            ("literal", "d"),
            ("lookaround", "(*pla:e)"),
            ("literal", "e"),
            ("lookaround", "(*nlb:f)"),
            ("literal", "f"),
            ("lookaround", "(?*g)"),
            ("literal", "g"),
            ("lookaround", "(*napla:h)"),
            ("literal", "h"),
        ],
    ),
    (
        r"(?i)a(?i-m)b(?^)c(?s:d)",
        "",
        &[
            ("flags", "(?i)"),
            ("literal", "a"),
            ("flags", "(?i-m)"),
            ("literal", "b"),
            ("flags", "(?^)"),
            ("literal", "c"),
            ("group", "(?s:d)"),
            ("literal", "d"),
        ],
    ),
    (
        "a(?#note)+ b # end",
        "x",
        &[
            ("quantifier", "a(?#note)+"),
            ("literal", "a"),
            ("comment", "(?#note)"),
            ("literal", "b"),
            ("comment", "# end"),
        ],
    ),
    (
        r"(a)?(?(1)b|c)(?(<n>)d)(?('n')e)(?(R)f)(?(R1)g)(?(R&n)h)(?(DEFINE)(?<n>i))(?(?=j)k|l)",
        "",
        &[
            ("quantifier", "(a)?"),
            ("group", "(a)"),
            ("literal", "a"),
            ("group", "(?(1)b|c)"),
            ("condition", "(1)"),
            ("literal", "b"),
            ("literal", "c"),
            ("group", "(?(<n>)d)"),
            ("condition", "(<n>)"),
            ("literal", "d"),
            ("group", "(?('n')e)"),
            ("condition", "('n')"),
            ("literal", "e"),
            ("group", "(?(R)f)"),
            ("condition", "(R)"),
            ("literal", "f"),
            ("group", "(?(R1)g)"),
            ("condition", "(R1)"),
            ("literal", "g"),
            ("group", "(?(R&n)h)"),
            ("condition", "(R&n)"),
            ("literal", "h"),
            ("group", "(?(DEFINE)(?<n>i))"),
            ("condition", "(DEFINE)"),
            ("group", "(?<n>i)"),
            ("literal", "i"),
            ("group", "(?(?=j)k|l)"),
            ("lookaround", "(?=j)"),
            ("literal", "j"),
            ("literal", "k"),
            ("literal", "l"),
        ],
    ),
    (
        r"(a)(?R)(?0)(?1)(?-1)(?+1)(?&n)(?P>n)\g<1>\g'n'\g<-1>(?<n>b)",
        "",
        &[
            ("group", "(a)"),
            ("literal", "a"),
            ("subroutine", "(?R)"),
            ("subroutine", "(?0)"),
            ("subroutine", "(?1)"),
            ("subroutine", "(?-1)"),
            ("subroutine", "(?+1)"),
            ("subroutine", "(?&n)"),
            ("subroutine", "(?P>n)"),
            ("subroutine", r"\g<1>"),
            ("subroutine", r"\g'n'"),
            ("subroutine", r"\g<-1>"),
            ("group", "(?<n>b)"),
            ("literal", "b"),
        ],
    ),
    (
        r"(a)\1\g1\g{1}\g{-1}\g{n}\k<n>\k'n'\k{n}(?P=n)(?<n>b)",
        "",
        &[
            ("group", "(a)"),
            ("literal", "a"),
            ("backreference", r"\1"),
            ("backreference", r"\g1"),
            ("backreference", r"\g{1}"),
            ("backreference", r"\g{-1}"),
            ("backreference", r"\g{n}"),
            ("backreference", r"\k<n>"),
            ("backreference", r"\k'n'"),
            ("backreference", r"\k{n}"),
            ("backreference", "(?P=n)"),
            ("group", "(?<n>b)"),
            ("literal", "b"),
        ],
    ),
    (
        "(*UTF)(*UCP)a(*ACCEPT)(*FAIL)(*F)(*COMMIT)(*PRUNE)(*SKIP)(*THEN)(*MARK:x)(*:y)(*SKIP:x)",
        "",
        &[
            ("verb", "(*UTF)"),
            ("verb", "(*UCP)"),
            ("literal", "a"),
            ("verb", "(*ACCEPT)"),
            ("verb", "(*FAIL)"),
            ("verb", "(*F)"),
            ("verb", "(*COMMIT)"),
            ("verb", "(*PRUNE)"),
            ("verb", "(*SKIP)"),
            ("verb", "(*THEN)"),
            ("verb", "(*MARK:x)"),
            ("verb", "(*:y)"),
            ("verb", "(*SKIP:x)"),
        ],
    ),
    (
        "a?b*c+d{2}e{2,}f{2,3}g{,3}h??i*+j{2,3}?k{ 1 , 2 }",
        "",
        &[
            ("quantifier", "a?"),
            ("literal", "a"),
            ("quantifier", "b*"),
            ("literal", "b"),
            ("quantifier", "c+"),
            ("literal", "c"),
            ("quantifier", "d{2}"),
            ("literal", "d"),
            ("quantifier", "e{2,}"),
            ("literal", "e"),
            ("quantifier", "f{2,3}"),
            ("literal", "f"),
            ("quantifier", "g{,3}"),
            ("literal", "g"),
            ("quantifier", "h??"),
            ("literal", "h"),
            ("quantifier", "i*+"),
            ("literal", "i"),
            ("quantifier", "j{2,3}?"),
            ("literal", "j"),
            ("quantifier", "k{ 1 , 2 }"),
            ("literal", "k"),
        ],
    ),
    ("a|b|", "", &[("alternation", "a|b|"), ("literal", "a"), ("literal", "b"), ("empty", "")]),
    (
        "(?(?C1)(?=a)b|c)(?(VERSION>=10.4)d)",
        "",
        &[
            ("group", "(?(?C1)(?=a)b|c)"),
            ("lookaround", "(?C1)(?=a)"),
            ("callout", "(?C1)"),
            ("lookaround", "(?=a)"),
            ("literal", "a"),
            ("literal", "b"),
            ("literal", "c"),
            ("group", "(?(VERSION>=10.4)d)"),
            ("condition", "(VERSION>=10.4)"),
            ("literal", "d"),
        ],
    ),
    // A { that starts no quantifier is a literal.
    ("x{a}", "", &[("literal", "x{a}")]),
    ("(a)(?:b)", "n", &[("group", "(a)"), ("literal", "a"), ("group", "(?:b)"), ("literal", "b")]),
];

#[test]
fn pcre2_constructs_have_their_outline() {
    for (pattern, flags, expected) in PCRE2_OUTLINES {
        let nodes = pcre2_tree(pattern, flags);
        assert_eq!(outline(&nodes), *expected, "{pattern}");
    }
}

/// The table's patterns are valid PCRE2, and the flavour's explanation is this tree.
#[cfg(feature = "pcre2")]
#[test]
fn pcre2_outlines_are_valid_pcre2() {
    for (pattern, flags, _) in PCRE2_OUTLINES {
        let flags = Flags::parse_pcre2(flags).unwrap();
        let nodes = explain(pattern, Flavor::Pcre2, flags)
            .unwrap_or_else(|error| panic!("{pattern}: {error}"));
        assert_eq!(nodes, pcre2_tree::explain(pattern, flags));
    }
}

#[test]
fn pcre2_descriptions_use_pcre2_terms_and_name_the_differences() {
    let nodes = pcre2_tree(r"(?|(a)|(b))(c)\1\g{-1}(?-1)$\Z\h\x{41}(?'q'x)[[:alpha:]]\d", "");
    assert!(find(&nodes, "(?|(a)|(b))").description.contains("from the same number (#1)"));
    assert!(find(&nodes, "(b)").description.starts_with("Alternative 2: capturing group #1"));
    assert!(find(&nodes, "(c)").description.starts_with("Capturing group #2"));
    assert!(find(&nodes, r"\g{-1}").description.contains("here group 2"));
    assert!(find(&nodes, "(?-1)").description.contains("here group 2"));
    for (source, words) in [
        ("$", "rust, fancy and ecmascript flavours $ without m matches only at the very end"),
        (r"\Z", "the rust flavour refuses it"),
        (r"\h", "In the fancy flavour \\h is a hexadecimal digit"),
        (r"\x{41}", "x repeated 41 times"),
        ("(?'q'x)", "Perl's quoted spelling"),
        ("[:alpha:]", "Unicode letters"),
        (r"\d", "In ecmascript \\d is ASCII 0-9 only"),
    ] {
        let node = find(&nodes, source);
        assert!(node.description.contains(words), "{source}: {}", node.description);
    }
    // Options: n makes plain groups non-capturing, U swaps greed, i is noted, x skips white space.
    let nodes = pcre2_tree("(a)(?<n>b)", "n");
    assert!(find(&nodes, "(a)").description.contains("not capturing"));
    assert!(find(&nodes, "(?<n>b)").description.contains("(#1)"));
    assert!(pcre2_tree("a+", "U")[0].description.contains("lazy"));
    assert!(pcre2_tree("a+?", "U")[0].description.contains("greedy"));
    assert!(pcre2_tree("(?i:ab)c", "")[0].children[0].description.contains("ignoring case"));
    assert!(!pcre2_tree("(?i:ab)c", "")[1].description.contains("ignoring case"));
    assert!(pcre2_tree("$", "m")[0].description.contains("end of a line"));
    assert!(pcre2_tree("(*SKIP:x)", "")[0].description.contains("(*MARK:x)"));
    assert!(pcre2_tree("", "")[0].description.contains("empty pattern"));
}

/// The reader is total: any text gives a tree whose spans nest, in order, on character boundaries.
#[test]
fn the_pcre2_reader_never_panics_and_spans_nest() {
    const PIECES: &[&str] = &[
        "(", ")", "(?", "(*", "[", "]", "\\", "|", "?", "*", "+", "{", "}", ",", "1", "-", "^",
        "$", ":", "<", ">", "'", "=", "!", "&", "P", "R", "x", "Q", "E", "g", "k", "#", " ", "\n",
        "é", "a", "C", "p", "[:", ":]", "DEFINE", "\\Q", "\\E", "(?#", "{2,", "😀",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..3000 {
        let len = next(16);
        let pattern: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        for flags in ["", "x", "n"] {
            let nodes = pcre2_tree(&pattern, flags);
            assert!(!nodes.is_empty(), "{pattern:?}");
            check_nesting(&pattern, &nodes, 0, pattern.len());
        }
    }
}

fn check_nesting(pattern: &str, nodes: &[Node], start: usize, end: usize) {
    let mut at = start;
    for node in nodes {
        assert!(
            at <= node.start && node.start <= node.end && node.end <= end,
            "{pattern:?}: {node:#?}"
        );
        assert!(pattern.is_char_boundary(node.start) && pattern.is_char_boundary(node.end));
        assert_eq!(&pattern[node.start..node.end], node.source);
        assert!(!node.description.is_empty());
        check_nesting(pattern, &node.children, node.start, node.end);
        at = node.end;
    }
}

#[test]
fn deeply_nested_pcre2_groups_are_cut_short() {
    let pattern = format!("{}a{}", "(".repeat(2000), ")".repeat(2000));
    let nodes = pcre2_tree(&pattern, "");
    check_nesting(&pattern, &nodes, 0, pattern.len());
    let pattern = format!("{}a", "(?(?=".repeat(1000));
    check_nesting(&pattern, &pcre2_tree(&pattern, ""), 0, pattern.len());
}

/// The highest group number the tree names.
fn highest_group(nodes: &[Node]) -> usize {
    flat(nodes)
        .iter()
        .filter(|node| {
            node.description.contains("apturing group #")
                || node.description.contains("apturing group \"")
        })
        .filter_map(|node| {
            let (_, after) = node.description.split_once('#')?;
            after.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// Random patterns that PCRE2 compiles: the tree numbers as many groups as PCRE2 counts.
#[cfg(feature = "pcre2")]
#[test]
fn pcre2_trees_number_groups_as_pcre2_does() {
    const PIECES: &[&str] = &[
        "(",
        ")",
        "(?:",
        "(?|",
        "(?<n",
        ">",
        "(?'m'",
        "|",
        "a",
        "\\(",
        "[(]",
        "\\Q(\\E",
        "(?#(x)",
        "(?n)",
        "(?-n)",
        "(?>",
        "(?=",
        "(*pla:",
        "(?(1)",
        "(?(DEFINE)",
        "+",
        "?",
        "{2}",
        "\\1",
        "(?P<o>",
        "(?x)",
        "(?-x)",
        "#(",
        "\n",
        " ",
        "[]()]",
        "[^]()]",
        "\\Q(",
        "\\E",
        "(?^)",
        "(?(R)",
        "(?(<n>)",
        "(?(?=a)",
        "(*MARK:(a)",
        "(?C\"(\")",
        "(?C1)",
        "\\x{28}",
        "[:alpha:]",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut compiled = 0;
    for _ in 0..30_000 {
        let len = 1 + next(12);
        let pattern: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        for flags in ["", "n", "x"] {
            let flags = Flags::parse_pcre2(flags).unwrap();
            let Ok((_, names)) = Flavor::Pcre2.dialect().compile(&pattern, flags) else { continue };
            compiled += 1;
            let nodes = pcre2_tree::explain(&pattern, flags);
            check_nesting(&pattern, &nodes, 0, pattern.len());
            assert_eq!(highest_group(&nodes), names.len() - 1, "{pattern:?} {flags:?}: {nodes:#?}");
        }
    }
    assert!(compiled > 500, "{compiled}");
}

#[test]
fn a_pcre2_quantifier_with_nothing_to_repeat_is_named() {
    for pattern in ["a**", "a{2}{3}", "^*", r"\b+", "(*FAIL)+"] {
        let nodes = pcre2_tree(pattern, "");
        let last = flat(&nodes).into_iter().last().unwrap().clone();
        assert_eq!(last.kind, "other", "{pattern}: {nodes:#?}");
        assert!(last.description.contains("nothing before it to repeat"), "{pattern}");
    }
    // An empty quotation between an item and its quantifier is skipped, as PCRE2 skips it.
    let nodes = pcre2_tree(r"a\Q\E+", "");
    assert_eq!(
        outline(&nodes),
        [("quantifier", r"a\Q\E+"), ("literal", "a"), ("comment", r"\Q\E")]
    );
}

#[test]
fn pcre2_class_members_and_extended_mode() {
    let nodes = pcre2_tree("[ \t\u{0}a]", "");
    let members: Vec<&str> =
        nodes[0].children.iter().map(|node| node.description.as_str()).collect();
    assert_eq!(
        members,
        ["A space.", "A tab (U+0009).", "The character U+0000.", "The character \"a\"."]
    );
    // x skips white space outside classes, xx inside them too.
    assert_eq!(
        outline(&pcre2_tree("a b [ ]", "x")),
        [("literal", "a b"), ("class", "[ ]"), ("literal", " ")]
    );
    assert_eq!(
        outline(&pcre2_tree("(?xx)[a b]", "")),
        [("flags", "(?xx)"), ("class", "[a b]"), ("literal", "a"), ("literal", "b")]
    );
}

/// fancy-regex reads `a{2,1}` as exactly two (the regex crate and PCRE2 refuse it). Before, the explanation came
/// from the span-less fallback: "between 2 and 1 times", with the literal's span the whole pattern.
#[test]
fn a_backwards_range_is_explained_as_fancy_regex_reads_it() {
    let nodes = fancy("xa{2,1}?y");
    let quantifier = find(&nodes, "a{2,1}?");
    assert_eq!((quantifier.kind, quantifier.start, quantifier.end), ("quantifier", 1, 8));
    assert!(quantifier.description.contains("exactly twice"), "{}", quantifier.description);
    assert!(quantifier.description.contains("reads {2,1}"), "{}", quantifier.description);
    assert!(!quantifier.description.contains("between"), "{}", quantifier.description);
    let literal = &quantifier.children[0];
    assert_eq!((literal.source.as_str(), literal.start, literal.end), ("a", 1, 2));
    assert_eq!(find(&nodes, "y").start, 8);
    // What the engine does, and the warning.
    let request = crate::Request {
        pattern: "a{2,1}",
        text: "a aa aaa",
        flags: Flags::default(),
        flavor: Flavor::Fancy,
        replace: None,
        limit: None,
        deadline: None,
    };
    let report = crate::run(&request).unwrap();
    let found: Vec<&str> = report.matches.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(found, ["aa", "aa"]);
    let warning = &report.warnings[0];
    assert_eq!(
        (warning.kind.as_str(), warning.start, warning.end),
        ("repetition_range_backwards", 1, 6)
    );
    assert_eq!(warning.suggestion.as_deref(), Some("{1,2}"));
}
