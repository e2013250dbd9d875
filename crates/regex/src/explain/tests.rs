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
