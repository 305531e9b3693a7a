//! Activities in the walk: IDs (`A1.1`, `Activité 1`, `AT-1`), numbered sub-domains
//! (`1.1.`) and the activities without IDs listed under them, narrative paragraphs (kept as
//! a summary), and titles cut by a page break; heading rows that open blocs (`Bloc 1 :`,
//! the author's pattern, or, in a document without bloc headings, domains such as
//! `A1. …` or `Domaine 2 – …`).

use super::super::cells::{Block, Mark};
use super::super::ids;
use super::super::label::Kind;
use super::{FoundActivity, Item, Role, Walker, join_cut, narrative, short, starts_lowercase};

impl Walker {
    /// A heading row (text in its first cell only): a bloc, or a domain standing for one.
    /// False when it is neither (the row is then read as any other).
    pub(super) fn heading_row(&mut self, text: &str) -> bool {
        if let Some(re) = &self.hints.bloc_pattern
            && let Some(c) = re.captures(text.trim())
        {
            let title = c
                .get(1)
                .map_or(text, |m| m.as_str())
                .trim()
                .trim_start_matches([':', '-', '–', '.'])
                .trim()
                .to_owned();
            let id = format!("B{}", self.found.blocs.len() + 1);
            self.took(text, format!("bloc {id} (matches --bloc-pattern)"));
            self.open_bloc(id, title);
            return true;
        }
        if let Some((id, title)) = ids::bloc(text) {
            self.took(text, format!("bloc {id} (a heading row naming a bloc)"));
            self.open_bloc(id, title);
            return true;
        }
        if self.hints.bloc_headings || self.hints.bloc_pattern.is_some() {
            return false;
        }
        let Some((id, title)) = ids::domain(text, self.found.blocs.len() + 1) else {
            return false;
        };
        self.took(
            text,
            format!("bloc {id} (a heading row, in a document without bloc headings: a domain)"),
        );
        self.open_bloc(id, title);
        true
    }

    /// An activity or group heading (possibly several in one paragraph); false if none.
    pub(super) fn activity_text(&mut self, text: &str, column: usize) -> bool {
        let pieces = ids::split_activities(text);
        let mut any = false;
        for piece in pieces {
            let by_author = self
                .hints
                .patterns
                .label(&piece)
                .filter(|l| l.kind == Kind::Activity);
            let found = if let Some(l) = by_author {
                Some((l.id, l.rest, false, false, "matches --id-pattern"))
            } else if let Some((id, title)) = ids::group(&piece) {
                Some((
                    id,
                    title,
                    true,
                    false,
                    "`Activité N`: a group if activities follow it, else an activity",
                ))
            } else if let Some((id, title)) = ids::activity(&piece) {
                Some((id, title, false, false, "an activity ID"))
            } else {
                // The column decides for a prefix that does not say (`B.1`, `D2`).
                self.label(&piece)
                    .filter(|l| !l.rest.is_empty())
                    .and_then(|l| match l.kind {
                        Kind::Number => Some((l.id, l.rest, false, true, "a numbered sub-domain")),
                        Kind::Other | Kind::Bloc | Kind::Exam => Some((
                            l.id,
                            l.rest,
                            false,
                            false,
                            "an ID whose prefix says nothing else",
                        )),
                        _ => None,
                    })
            };
            match found {
                Some((id, title, group, sub_domain, why)) => {
                    any = true;
                    self.took(
                        &piece,
                        format!("activity {id} ({why} in the activities column)"),
                    );
                    self.push_activity(
                        FoundActivity {
                            id,
                            title,
                            group,
                            sub_domain,
                            ..FoundActivity::default()
                        },
                        column,
                    );
                }
                None if any => self.activity_continuation(
                    &Block {
                        mark: Mark::Para,
                        text: piece,
                        italic: false,
                    },
                    column,
                ),
                None => return false,
            }
        }
        any
    }

    pub(super) fn push_activity(&mut self, activity: FoundActivity, column: usize) -> usize {
        let generated = activity.generated;
        let bloc = self.bloc();
        bloc.activities.push(activity);
        let index = bloc.activities.len() - 1;
        self.current_activity = Some(index);
        self.row_activities.push(index);
        if generated {
            self.row_generated.push(index);
        }
        let col = &mut self.columns[column];
        col.mode = Role::Activity;
        col.last = Some(Item::Activity(index));
        index
    }

    /// Text without ID in the activities column: under a sub-domain, an activity of its
    /// own (a list item or a short line); narrative prose, the summary of the sub-domain or
    /// activity; otherwise the rest of a title cut by a page break.
    pub(super) fn activity_continuation(&mut self, block: &Block, column: usize) {
        let text = block.text.as_str();
        let target = match self.columns[column].last {
            Some(Item::Activity(i)) => Some(i),
            _ => self.current_activity,
        };
        let title_like = block.mark == Mark::Para
            && !narrative(text)
            && !starts_lowercase(text)
            // A long one without a full stop is still a title (`Analyse statistique au
            // service des décisions de l'entreprise (études de marché, …)`).
            && (text.split_whitespace().count() <= 15
                || (text.split_whitespace().count() <= 30 && !text.trim_end().ends_with('.')))
            && !text.trim_end().ends_with([':', ';', ',']);
        // In a bloc whose activities have no IDs (each numbered `<bloc>.A<n>` here), a title
        // at the top of a row that opened no activity is the next one, not the rest of the
        // title above (that starts in lowercase).
        let untitled = target.is_some_and(|t| {
            let b = self.bloc();
            b.activities
                .get(t)
                .is_some_and(|a| a.id == format!("{}.A{}", b.id, t + 1))
        });
        let next_untitled = untitled && self.row_activities.is_empty();
        if (target.is_none() || next_untitled) && title_like {
            // An activities column without IDs: each title is an activity, numbered in
            // its bloc.
            let (bloc_id, n) = {
                let b = self.bloc();
                (b.id.clone(), b.activities.len() + 1)
            };
            let id = format!("{bloc_id}.A{n}");
            self.took(
                text,
                format!("activity {id} (a title without ID in the activities column; ID made from the bloc's)"),
            );
            self.push_activity(
                FoundActivity {
                    id,
                    title: text.to_owned(),
                    ..FoundActivity::default()
                },
                column,
            );
            return;
        }
        let Some(target) = target else {
            self.note(format!(
                "text in the activities column before any activity, kept out: «{}»",
                short(text)
            ));
            self.took(
                text,
                "dropped: activities column, before any activity".into(),
            );
            return;
        };
        // Items listed under an activity read with its ID (`A.1 – Accueil` then a list):
        // its activities, the way a numbered sub-domain lists them.
        if block.mark != Mark::Para
            && !starts_lowercase(text)
            && let Some(a) = self.bloc().activities.get_mut(target)
            && !a.generated
            && !a.group
        {
            a.sub_domain = true;
        }
        // The sub-domain it is under, if any.
        let parent = {
            let activities = &self.bloc().activities;
            (0..=target.min(activities.len().saturating_sub(1)))
                .rev()
                .find(|&i| activities[i].sub_domain)
                .filter(|&i| i == target || activities[target].generated)
        };
        let is_narrative = block.mark == Mark::Para && narrative(text);
        if is_narrative {
            let into = parent.unwrap_or(target);
            self.took(
                text,
                "summary (narrative prose in the activities column)".into(),
            );
            if let Some(a) = self.bloc().activities.get_mut(into) {
                super::append_para(a.summary.get_or_insert_with(String::new), text);
            }
            return;
        }
        if let Some(p) = parent
            && !starts_lowercase(text)
        {
            let (pid, n) = {
                let activities = &self.bloc().activities;
                let pid = activities[p].id.clone();
                let prefix = format!("{pid}.");
                let n = activities
                    .iter()
                    .filter(|a| a.generated && a.id.starts_with(&prefix))
                    .count();
                (pid, n + 1)
            };
            let id = format!("{pid}.{n}");
            self.took(
                text,
                format!(
                    "activity {id} (a line without ID under sub-domain {pid}; ID made from it)"
                ),
            );
            self.push_activity(
                FoundActivity {
                    id,
                    title: text.to_owned(),
                    generated: true,
                    ..FoundActivity::default()
                },
                column,
            );
            return;
        }
        self.took(
            text,
            "the rest of the activity's title (cut by a page break)".into(),
        );
        if let Some(a) = self.bloc().activities.get_mut(target) {
            join_cut(&mut a.title, text);
        }
    }
}
