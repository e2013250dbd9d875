//! HTML escaping for every page: the templates' formatter and the helper the `inline_code` filter uses, one rule.
//!
//! Every value a template writes lands in text or in a double-quoted attribute, where escaping `& < > " '` is
//! enough (HTML Living Standard §13.1.2.3 "Attributes", §13.1.3 "Text"). The few unquoted attributes (the cron
//! builder's) hold only numbers, names from the code and URL-encoded text, which no escaping would make safer:
//! neither this rule nor minijinja's escapes a space. minijinja's own escaping also writes `/` as `&#x2f;`, advice
//! for unquoted attributes: five extra bytes for each slash of every URL on every page, the base path's included.
//! The escaping itself is the `html-escape` crate's.

use minijinja::value::Value;
use minijinja::{AutoEscape, Error, Output, State};
use std::borrow::Cow;

/// The templates' formatter ([`minijinja::Environment::set_formatter`]): an unsafe string in an HTML template is
/// written with `& < > " '` escaped; everything else (safe strings, numbers, other formats) as minijinja writes it.
pub(crate) fn format_value(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Html)
        && !value.is_safe()
        && let Some(text) = value.as_str()
    {
        return Ok(out.write_str(&escape_html(text))?);
    }
    minijinja::escape_formatter(out, state, value)
}

/// `text` escaped as the templates escape it (`& < > " '`), for HTML built outside a template and for tests that
/// look for a value on a page.
pub fn escape_html(text: &str) -> Cow<'_, str> {
    html_escape::encode_quoted_attribute(text)
}

/// Appends `text` to `out` escaped as [`escape_html`] escapes it.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    html_escape::encode_quoted_attribute_to_string(text, out);
}

#[cfg(test)]
mod tests {
    use minijinja::{Environment, context};

    fn render(source: &str, value: &str) -> String {
        let mut env = Environment::new();
        env.set_formatter(super::format_value);
        env.add_template("t.html", source).unwrap();
        env.get_template("t.html").unwrap().render(context! { v => value }).unwrap()
    }

    #[test]
    fn escapes_the_five_html_characters_and_leaves_slashes() {
        assert_eq!(
            render(r#"<a title="{{ v }}">{{ v }}</a>"#, r#"<b a='1' b="2">&</b> /x"#),
            r#"<a title="&lt;b a=&#x27;1&#x27; b=&quot;2&quot;&gt;&amp;&lt;/b&gt; /x">&lt;b a=&#x27;1&#x27; b=&quot;2&quot;&gt;&amp;&lt;/b&gt; /x</a>"#
        );
    }

    #[test]
    fn leaves_safe_strings_numbers_and_other_formats_to_minijinja() {
        assert_eq!(render("{{ v|safe }} {{ 3 }} {{ none }}", "<i>"), "<i> 3 None");
        let mut env = Environment::new();
        env.set_formatter(super::format_value);
        env.add_template("t.txt", "{{ v }}").unwrap();
        assert_eq!(
            env.get_template("t.txt").unwrap().render(context! { v => "<&>" }).unwrap(),
            "<&>"
        );
    }

    #[test]
    fn escape_into_matches_the_formatter() {
        let mut out = String::from("x");
        super::escape_into("a</b>&'\"", &mut out);
        assert_eq!(out, "xa&lt;/b&gt;&amp;&#x27;&quot;");
    }
}
