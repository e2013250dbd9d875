//! How a reference to a group reads in a description (by number, by name with its number, relative to this point,
//! or as a subroutine call), for the escapes, groups and conditions that refer to groups.

use super::Reader;

impl Reader<'_> {
    /// "group 2", "the group named "x" (#1)", "group -1, the group 1 before this point (here group 3)".
    pub(super) fn group_words(&self, reference: &str) -> String {
        if let Some(relative) = reference.strip_prefix('-') {
            let n: usize = relative.parse().unwrap_or(0);
            let absolute = (self.groups + 1).checked_sub(n).filter(|&g| g > 0 && n > 0);
            let which = if n == 1 {
                "the group opened most recently before this point".to_owned()
            } else {
                format!("the {} most recently opened group before this point", ordinal(n))
            };
            return match absolute {
                Some(g) => format!("{which} (here group {g})"),
                None => which,
            };
        }
        if let Some(relative) = reference.strip_prefix('+') {
            let n: usize = relative.parse().unwrap_or(0);
            return format!(
                "the {} group opened after this point (here group {})",
                ordinal(n),
                self.groups + n
            );
        }
        if reference.bytes().all(|b| b.is_ascii_digit()) && !reference.is_empty() {
            return format!("group {reference}");
        }
        format!("the group named \"{reference}\"{}", self.number_of(reference))
    }

    pub(super) fn number_of(&self, name: &str) -> String {
        match self.names.iter().find(|(known, _)| known == name) {
            Some((_, number)) => format!(" (#{number})"),
            None => String::new(),
        }
    }

    pub(super) fn call_words(&self, target: &str, spelling: &str) -> String {
        if target == "0" || target == "R" {
            return format!(
                "Recursion ({spelling}): the whole pattern again at this point, as a subroutine call."
            );
        }
        format!(
            "Subroutine call ({spelling}): matches the pattern of {} again at this point (not the text it captured); captures made inside the call are undone after it.",
            self.group_words(target)
        )
    }
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "first".to_owned(),
        2 => "second".to_owned(),
        3 => "third".to_owned(),
        n => format!("{n}th"),
    }
}
