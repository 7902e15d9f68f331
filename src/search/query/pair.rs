//! A two-word phrase read from a field of word pairs
//! ([`crate::analysis::PairTokenizer`]; the index has one for the
//! headings): one posting list instead of two and the positions of every
//! passage holding both words. It matches the passages the phrase matches
//! and scores each exactly as tantivy scores the phrase (BM25 with the
//! summed idf of the two words, the phrase's count in the passage and the
//! field's length), so ranking does not change.

use crate::analysis::pair_term;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

/// `"first second"` on a field, answered from its pairs field.
#[derive(Clone, Debug)]
pub struct PairQuery {
    /// The two words' terms on their field.
    words: [Term; 2],
    /// Their pair's term on the pairs field.
    pair: Term,
}

impl PairQuery {
    /// The phrase of `words` (terms of one field), read from `pairs`, the
    /// field's pairs; `None` when a word is not text.
    pub fn new(words: [Term; 2], pairs: Field) -> Option<PairQuery> {
        let (first, second) = (words[0].value(), words[1].value());
        let pair = Term::from_field_text(pairs, &pair_term(first.as_str()?, second.as_str()?));
        Some(PairQuery { words, pair })
    }

    /// The two words' terms, in order.
    pub fn words(&self) -> &[Term; 2] {
        &self.words
    }
}

impl Query for PairQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let similarity = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &self.words)?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PairWeight {
            pair: self.pair.clone(),
            words_field: self.words[0].field(),
            similarity,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for word in &self.words {
            visitor(word, true);
        }
    }
}

struct PairWeight {
    pair: Term,
    /// The field of the words, whose lengths score the phrase.
    words_field: Field,
    similarity: Option<Bm25Weight>,
}

impl PairWeight {
    fn pair_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PairScorer>> {
        let Some(postings) = reader
            .inverted_index(self.pair.field())?
            .read_postings(&self.pair, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let (lengths, similarity) = match &self.similarity {
            Some(similarity) => (
                reader
                    .fieldnorms_readers()
                    .get_field(self.words_field)?
                    .ok_or_else(|| {
                        TantivyError::SchemaError("the phrase's field keeps no lengths".into())
                    })?,
                similarity.boost_by(boost),
            ),
            // Scores are not read: any weight will do.
            None => (
                FieldNormReader::constant(reader.max_doc(), 1),
                Bm25Weight::for_one_term_without_explain(1, 1, 1.0),
            ),
        };
        Ok(Some(PairScorer {
            postings,
            lengths,
            similarity,
        }))
    }
}

impl Weight for PairWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.pair_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if let Some(mut scorer) = self.pair_scorer(reader, 1.0)?
            && scorer.doc() <= doc
            && scorer.seek(doc) == doc
        {
            return Ok(Explanation::new("Two-word phrase", scorer.score()));
        }
        Err(TantivyError::InvalidArgument(format!(
            "document #({doc}) does not match"
        )))
    }
}

/// The pair's postings, scored as the phrase: the pair's count in a
/// passage is the phrase's count there.
struct PairScorer {
    postings: SegmentPostings,
    lengths: FieldNormReader,
    similarity: Bm25Weight,
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        let length = self.lengths.fieldnorm_id(self.doc());
        self.similarity.score(length, self.postings.term_freq())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Side};
    use crate::index::schema;
    use tantivy::collector::TopDocs;
    use tantivy::query::PhraseQuery;
    use tantivy::{DocAddress, Index, TantivyDocument};

    const HEADINGS: [&str; 6] = [
        "Section 1 \n d. Arbitrary Arrest or Detention \n Pretrial Detention",
        "Pretrial detention, pretrial detention: pre-trial detention",
        "Detention pretrial",
        "Pretrial Detention and Conditions of Pretrial Detention in the Provinces of the East",
        "Arrest Procedures and Treatment of Detainees",
        "Pretrial Detention",
    ];

    /// Every document a query finds, with its score, in document order.
    fn found(index: &Index, query: &dyn Query) -> Vec<(DocAddress, Score)> {
        let searcher = index.reader().unwrap().searcher();
        let mut hits: Vec<(DocAddress, Score)> = searcher
            .search(query, &TopDocs::with_limit(100).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address, score))
            .collect();
        hits.sort_by_key(|(address, _)| *address);
        hits
    }

    #[test]
    fn a_pair_finds_and_scores_what_the_phrase_does() {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers(), Side::Index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for headings in HEADINGS {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.heading_pairs, headings);
            doc.add_text(fields.headings, headings);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        // The other order too: "Detention pretrial", and across punctuation
        // and headings ("… Detention \n Pretrial …").
        let phrases = [
            "pretrial detention",
            "pre-trial detention",
            "trial detention",
            "of pretrial",
            "detention pretrial",
        ];
        for phrase in phrases {
            let words: Vec<Term> = analysis::terms(phrase, Side::Query)
                .into_iter()
                .map(|(_, t)| Term::from_field_text(fields.headings, &t))
                .collect();
            let as_phrase = found(&index, &PhraseQuery::new(words.clone()));
            let pair = PairQuery::new([words[0].clone(), words[1].clone()], fields.heading_pairs)
                .expect("text terms");
            let as_pair = found(&index, &pair);
            assert!(!as_phrase.is_empty(), "{phrase}");
            assert_eq!(as_pair.len(), as_phrase.len(), "{phrase}");
            for ((pair_doc, pair_score), (phrase_doc, phrase_score)) in
                as_pair.iter().zip(&as_phrase)
            {
                assert_eq!(pair_doc, phrase_doc, "{phrase}");
                assert!(
                    (pair_score - phrase_score).abs() < 1e-5,
                    "{phrase}: {pair_score} vs {phrase_score}"
                );
            }
        }
    }
}
