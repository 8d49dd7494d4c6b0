//! Site search over areas, roadmap goals and actions, tour visits and
//! surveys (`/search?q=` and `GET /api/v1/search?q=`).
//!
//! Built per query, in memory, from what the pages read anyway (the
//! roadmap's items, the areas, the surveys): a few hundred short texts,
//! so a query takes well under a millisecond and can never disagree with
//! the change log (a SurrealDB full-text index would be a second copy to
//! keep in step with every commit and every migration). Words are matched
//! by their Snowball stems (`rust-stemmers`, already in the tree through
//! SurrealDB) in Finnish, Swedish and English, so "Pirkanmaalla" finds
//! "Pirkanmaan" and "järjestöjen" finds "järjestö"; see [`Term`].

use serde::{Deserialize, Serialize};

/// Longer queries are refused (422): nobody types that much into a search
/// field, and each word costs a pass over every text.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many results, best first; the rest would not be read.
pub const MAX_RESULTS: usize = 50;

/// What a result is, in the order the page groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Area,
    Goal,
    Action,
    Visit,
    Survey,
}

impl HitKind {
    pub const ALL: [HitKind; 5] = [
        HitKind::Area,
        HitKind::Goal,
        HitKind::Action,
        HitKind::Visit,
        HitKind::Survey,
    ];

    pub fn key(self) -> &'static str {
        match self {
            HitKind::Area => "area",
            HitKind::Goal => "goal",
            HitKind::Action => "action",
            HitKind::Visit => "visit",
            HitKind::Survey => "survey",
        }
    }
}

/// One result: what to show and where it leads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub title: String,
    /// A piece of the text that matched (or the start of the item's text).
    pub snippet: String,
    /// The page of the item (a path on this server).
    pub url: String,
}

/// The results of one kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub kind: HitKind,
    pub results: Vec<Hit>,
}

/// The answer of `/api/v1/search?q=`: the query as searched (trimmed),
/// how many results, and the results grouped by kind (only kinds that
/// have some, in [`HitKind::ALL`]'s order).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub q: String,
    pub count: usize,
    pub groups: Vec<Group>,
}

#[cfg(feature = "ssr")]
pub use index::{run, search_store, Doc};

#[cfg(feature = "ssr")]
mod index {
    use super::*;
    use crate::error::AppError;
    use crate::model::{Area, Survey};
    use crate::roadmap::{Field, ItemKind, RoadmapState};
    use crate::store::Store;
    use crate::text::t;
    use crate::url::url_encode;
    use rust_stemmers::{Algorithm, Stemmer};

    /// One searchable thing: its texts, each with a weight (a match in a
    /// title counts more than one in a description).
    pub struct Doc {
        pub kind: HitKind,
        pub title: String,
        pub url: String,
        /// `(text, weight)`; a weight of 3 marks the title itself.
        pub fields: Vec<(String, u32)>,
    }

    /// The three stemmers, made once per query (cheap: tables are static).
    struct Stemmers([Stemmer; 3]);

    impl Stemmers {
        fn new() -> Self {
            Self([
                Stemmer::create(Algorithm::Finnish),
                Stemmer::create(Algorithm::Swedish),
                Stemmer::create(Algorithm::English),
            ])
        }

        /// The word's Finnish, Swedish and English stems; the Finnish one
        /// evened out by [`finnish`].
        fn stems(&self, word: &str) -> [String; 3] {
            let [fi, sv, en] = self.0.each_ref().map(|s| s.stem(word).into_owned());
            [finnish(&fi).1, sv, en]
        }
    }

    /// Evens out what the Snowball Finnish stemmer leaves apart: the
    /// plural's `j` (it stems "järjestöjen" to "järjestöj" but
    /// "järjestöt" to "järjestö") and stem vowels ("strategia" →
    /// "strateg", "strategioiden" → "strategio"). Returns the stem without
    /// that `j` (what compounds are searched for) and the same without its
    /// final vowels (what stems are compared by).
    fn finnish(stem: &str) -> (String, String) {
        const VOWELS: &str = "aeiouyäö";
        let mut plain: Vec<char> = stem.chars().collect();
        if plain.len() > 3 && plain.last() == Some(&'j') && VOWELS.contains(plain[plain.len() - 2])
        {
            plain.pop();
        }
        let mut even = plain.clone();
        while even.len() > 3 && even.last().is_some_and(|c| VOWELS.contains(*c)) {
            even.pop();
        }
        (plain.into_iter().collect(), even.into_iter().collect())
    }

    /// A query word: as typed (lower case), its three stems and its
    /// Finnish stem as a compound's part.
    struct Term {
        raw: String,
        stems: [String; 3],
        part: String,
    }

    impl Term {
        /// Does a word of a text (lower case) match? Its stem in one of the
        /// three languages is the query word's stem in the same language;
        /// or it begins with what was typed (three letters or more, for a
        /// word not finished yet); or it contains the Finnish stem (four
        /// letters or more), because Finnish writes compounds as one word
        /// ("alue" finds "hyvinvointialue").
        fn matches(&self, word: &str, stems: &[String; 3]) -> bool {
            self.stems.iter().zip(stems).any(|(a, b)| a == b)
                || (self.raw.chars().count() >= 3 && word.starts_with(&self.raw))
                || (self.part.chars().count() >= 4 && word.contains(&self.part))
        }
    }

    /// The words of a text, lower case, with the char index each starts at.
    fn words(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut current = String::new();
        let mut start = 0;
        for (i, c) in text.chars().enumerate() {
            if c.is_alphanumeric() {
                if current.is_empty() {
                    start = i;
                }
                current.extend(c.to_lowercase());
            } else if !current.is_empty() {
                out.push((start, std::mem::take(&mut current)));
            }
        }
        if !current.is_empty() {
            out.push((start, current));
        }
        out
    }

    /// Checks the query: trimmed; too long is refused.
    fn checked(q: &str) -> Result<String, AppError> {
        let q = q.trim();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::invalid(t().err_search_too_long));
        }
        Ok(q.to_string())
    }

    /// Searches `docs` for `q` (every word must match somewhere in a doc).
    /// An empty query (or one without letters or digits) finds nothing.
    pub fn run(q: &str, docs: &[Doc]) -> Result<SearchResults, AppError> {
        let q = checked(q)?;
        let stemmers = Stemmers::new();
        let terms: Vec<Term> = words(&q)
            .into_iter()
            .map(|(_, raw)| Term {
                stems: stemmers.stems(&raw),
                part: finnish(&stemmers.0[0].stem(&raw)).0,
                raw,
            })
            .collect();
        let mut found: Vec<(u32, usize, Hit, HitKind)> = Vec::new();
        if !terms.is_empty() {
            for (order, doc) in docs.iter().enumerate() {
                if let Some((score, snippet)) = score(doc, &terms, &stemmers) {
                    let hit = Hit {
                        title: doc.title.clone(),
                        snippet,
                        url: doc.url.clone(),
                    };
                    found.push((score, order, hit, doc.kind));
                }
            }
        }
        // The best overall first, so that a cut keeps them; ties in the
        // order the site lists things.
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.truncate(MAX_RESULTS);
        let count = found.len();
        let groups = HitKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let results: Vec<Hit> = found
                    .iter()
                    .filter(|f| f.3 == kind)
                    .map(|f| f.2.clone())
                    .collect();
                (!results.is_empty()).then_some(Group { kind, results })
            })
            .collect();
        Ok(SearchResults { q, count, groups })
    }

    /// The doc's score (sum over the terms of the best weight each found)
    /// and its snippet, if every term matches.
    fn score(doc: &Doc, terms: &[Term], stemmers: &Stemmers) -> Option<(u32, String)> {
        let fields: Vec<Vec<(usize, String, [String; 3])>> = doc
            .fields
            .iter()
            .map(|(text, _)| {
                words(text)
                    .into_iter()
                    .map(|(at, w)| {
                        let stems = stemmers.stems(&w);
                        (at, w, stems)
                    })
                    .collect()
            })
            .collect();
        let mut total = 0;
        // The first match outside the title: where the snippet is cut from.
        let mut snippet_at: Option<(usize, usize)> = None;
        for term in terms {
            let mut best = 0;
            for (f, words) in fields.iter().enumerate() {
                let weight = doc.fields[f].1;
                if let Some((at, _, _)) = words.iter().find(|(_, w, s)| term.matches(w, s)) {
                    best = best.max(weight);
                    if weight < 3 && snippet_at.is_none() {
                        snippet_at = Some((f, *at));
                    }
                }
            }
            if best == 0 {
                return None;
            }
            total += best;
        }
        let snippet = match snippet_at {
            Some((f, at)) => cut(&doc.fields[f].0, at),
            // Matched in the title: the first other text, from its start.
            None => doc
                .fields
                .iter()
                .find(|(text, w)| *w < 3 && !text.trim().is_empty())
                .map(|(text, _)| cut(text, 0))
                .unwrap_or_default(),
        };
        Some((total, snippet))
    }

    /// About 160 characters of `text` around char index `at`, on one line.
    fn cut(text: &str, at: usize) -> String {
        const BEFORE: usize = 50;
        const LEN: usize = 160;
        let chars: Vec<char> = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let start = at.saturating_sub(BEFORE);
        // Start at a word's beginning.
        let start = if start == 0 {
            0
        } else {
            (start..at).find(|&i| chars[i - 1] == ' ').unwrap_or(start)
        };
        let end = (start + LEN).min(chars.len());
        let mut s: String = chars[start..end].iter().collect();
        s = s.trim().to_string();
        if start > 0 {
            s.insert(0, '…');
        }
        if end < chars.len() {
            s.push('…');
        }
        s
    }

    /// Everything searchable, in the order the site lists it.
    pub fn docs(areas: &[Area], state: &RoadmapState, surveys: &[Survey]) -> Vec<Doc> {
        let t = t();
        let mut docs = Vec::new();
        for area in areas {
            let (other, _) = area.other_name_in(crate::i18n::locale());
            let mut fields = vec![
                (area.name().to_string(), 3),
                (other.to_string(), 2),
                (area.code.clone(), 2),
            ];
            if let Some(org) = &area.contacts.network_org {
                fields.push((org.clone(), 1));
            }
            if let Some(p) = &area.contacts.person {
                fields.push((p.name.clone(), 1));
            }
            docs.push(Doc {
                kind: HitKind::Area,
                title: area.name().to_string(),
                url: format!("/areas/{}", area.code),
                fields,
            });
        }
        // Goals and actions open the roadmap filtered by their title (the
        // filter finds an action by its own title or its goal's).
        let roadmap_url = |title: &str| format!("/roadmap?q={}", url_encode(title));
        for goal in crate::roadmap::filter::ordered_goals(state) {
            docs.push(Doc {
                kind: HitKind::Goal,
                title: goal.title().to_string(),
                url: roadmap_url(goal.title()),
                fields: vec![
                    (goal.title().to_string(), 3),
                    (goal.text(Field::Description).to_string(), 1),
                ],
            });
            for action in crate::roadmap::filter::actions_of(state, &goal.id) {
                docs.push(Doc {
                    kind: HitKind::Action,
                    title: action.title().to_string(),
                    url: roadmap_url(action.title()),
                    fields: vec![
                        (action.title().to_string(), 3),
                        (action.text(Field::Description).to_string(), 1),
                        (action.text(Field::Owner).to_string(), 1),
                    ],
                });
            }
        }
        for area in areas {
            let Some(visit) = state.visit(&area.code) else {
                continue;
            };
            debug_assert_eq!(visit.kind, ItemKind::Visit);
            docs.push(Doc {
                kind: HitKind::Visit,
                title: t.fill(t.visit_of_area, &[("area", area.name())]),
                url: format!("/tour/{}", area.code),
                fields: vec![
                    (visit.text(Field::Venue).to_string(), 2),
                    (visit.text(Field::Notes).to_string(), 1),
                ],
            });
        }
        for survey in surveys {
            let mut fields = vec![
                (survey.title.clone(), 3),
                (survey.question.clone(), 1),
                (survey.organiser.clone(), 1),
            ];
            fields.extend(survey.results.iter().map(|r| (r.title.clone(), 1)));
            docs.push(Doc {
                kind: HitKind::Survey,
                title: survey.title.clone(),
                url: format!("/surveys/{}", survey.id),
                fields,
            });
        }
        docs
    }

    /// Searches everything in `store` for `q`.
    pub async fn search_store(store: &Store, q: &str) -> Result<SearchResults, AppError> {
        let q = checked(q)?;
        if q.is_empty() {
            return Ok(SearchResults::default());
        }
        let (areas, state, surveys) = tokio::try_join!(
            store.list_areas(),
            store.roadmap_state(),
            store.list_surveys()
        )?;
        run(&q, &docs(&areas, &state, &surveys))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn doc(kind: HitKind, title: &str, text: &str) -> Doc {
            Doc {
                kind,
                title: title.into(),
                url: format!("/{}", kind.key()),
                fields: vec![(title.into(), 3), (text.into(), 1)],
            }
        }

        fn titles(r: &SearchResults) -> Vec<&str> {
            r.groups
                .iter()
                .flat_map(|g| g.results.iter().map(|h| h.title.as_str()))
                .collect()
        }

        #[test]
        fn finnish_swedish_and_english_word_forms_match() {
            let docs = [
                doc(
                    HitKind::Area,
                    "Pirkanmaan hyvinvointialue",
                    "Birkalands välfärdsområde",
                ),
                doc(HitKind::Goal, "Yhteistyö", "Järjestö mukaan valmisteluun"),
                doc(HitKind::Survey, "Kysely", "How organisations see the areas"),
            ];
            let found = |q: &str| titles(&run(q, &docs).unwrap()).join("|");
            assert_eq!(found("Pirkanmaalla"), "Pirkanmaan hyvinvointialue");
            assert_eq!(found("pirkanmaa"), "Pirkanmaan hyvinvointialue");
            assert_eq!(found("järjestöjen"), "Yhteistyö");
            assert_eq!(found("järjestöt"), "Yhteistyö");
            assert_eq!(found("Birkaland"), "Pirkanmaan hyvinvointialue");
            assert_eq!(found("organisation"), "Kysely");
            // Finnish compounds: a part of the word.
            assert_eq!(found("alueella"), "Pirkanmaan hyvinvointialue");
            // Every word must match.
            assert_eq!(found("pirkanmaa järjestö"), "");
            assert_eq!(found("  "), "");
        }

        #[test]
        fn too_long_is_refused_and_the_snippet_shows_the_match() {
            assert!(run(&"a".repeat(MAX_QUERY_CHARS + 1), &[]).is_err());
            let long = format!(
                "{} Tampereen kirjasto {}",
                "sana ".repeat(40),
                "loppu ".repeat(40)
            );
            let r = run("kirjastossa", &[doc(HitKind::Visit, "Vierailu", &long)]).unwrap();
            let snippet = &r.groups[0].results[0].snippet;
            assert!(snippet.contains("kirjasto"), "{snippet}");
            assert!(
                snippet.starts_with('…') && snippet.ends_with('…'),
                "{snippet}"
            );
            assert!(snippet.chars().count() <= 162, "{snippet}");
        }

        #[test]
        fn at_most_fifty_best_first() {
            let docs: Vec<Doc> = (0..80)
                .map(|i| doc(HitKind::Action, &format!("toimi {i}"), "kuvaus"))
                .chain([doc(HitKind::Goal, "muu", "toimi")])
                .collect();
            let r = run("toimi", &docs).unwrap();
            assert_eq!(r.count, MAX_RESULTS);
            // Title matches outrank the goal matched in its description.
            assert_eq!(r.groups.len(), 1);
            assert_eq!(r.groups[0].kind, HitKind::Action);
        }
    }
}
