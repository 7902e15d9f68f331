//! Tokens to a query tree, with the usual precedence: `OR` binds loosest,
//! then `AND` (written or implied between neighbours), then `NOT`/`-`.
//! An operator with nothing on one side is named with its place. Nesting
//! is bounded by the lexer's depth limit, so the recursion here is too.

use super::QueryError;
use super::lex::{Kind, Token};

/// The query as a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word as typed; `prefix` for `word*`. `at` is its first character.
    Word {
        text: String,
        prefix: bool,
        at: usize,
    },
    /// A quoted phrase, its words within `slop` positions of each other.
    Phrase { text: String, slop: u32, at: usize },
    /// All of these (the excluded ones must not match).
    All(Vec<Clause>),
    /// Any of these.
    Any(Vec<Node>),
}

/// One member of an `All`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub excluded: bool,
    pub node: Node,
}

/// Parses tokens into a tree; `None` when there are none.
pub fn parse(query: &str, tokens: &[Token]) -> Result<Option<Node>, QueryError> {
    if tokens.is_empty() {
        return Ok(None);
    }
    let mut parser = Parser {
        query,
        tokens,
        next: 0,
    };
    let node = parser.any()?;
    // The lexer balanced the parentheses, so only a stray ')' could stop
    // the parse early, and `primary` reports that.
    debug_assert!(parser.next == tokens.len());
    Ok(Some(node))
}

struct Parser<'a> {
    query: &'a str,
    tokens: &'a [Token],
    next: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn nothing_after(&self, token: &Token) -> QueryError {
        QueryError::at(
            self.query,
            token.at,
            format!("{} has nothing after it", operator(&token.kind)),
        )
    }

    /// `a OR b OR c`.
    fn any(&mut self) -> Result<Node, QueryError> {
        let mut alternatives = vec![self.all()?];
        while let Some(token) = self.peek().filter(|t| t.kind == Kind::Or).cloned() {
            self.next += 1;
            if !self.starts_operand() {
                return Err(self.nothing_after(&token));
            }
            alternatives.push(self.all()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().expect("one")
        } else {
            Node::Any(alternatives)
        })
    }

    /// `a AND b c -d`.
    fn all(&mut self) -> Result<Node, QueryError> {
        let mut clauses = Vec::new();
        loop {
            if let Some(token) = self.peek().filter(|t| t.kind == Kind::And).cloned() {
                if clauses.is_empty() {
                    return Err(self.nothing_before(&token));
                }
                self.next += 1;
                if !self.starts_operand() {
                    return Err(self.nothing_after(&token));
                }
            } else if !self.starts_operand() {
                break;
            }
            clauses.push(self.unary()?);
        }
        match self.peek() {
            Some(token) if clauses.is_empty() => Err(match token.kind {
                Kind::Close => QueryError::at(self.query, token.at, "empty parentheses".into()),
                _ => self.nothing_before(token),
            }),
            _ if clauses.len() == 1 && !clauses[0].excluded => Ok(clauses.pop().expect("one").node),
            _ => Ok(Node::All(clauses)),
        }
    }

    fn nothing_before(&self, token: &Token) -> QueryError {
        QueryError::at(
            self.query,
            token.at,
            format!("{} has nothing before it", operator(&token.kind)),
        )
    }

    /// Whether the next token can start an operand.
    fn starts_operand(&self) -> bool {
        self.peek().is_some_and(|t| {
            matches!(
                t.kind,
                Kind::Word { .. }
                    | Kind::Phrase { .. }
                    | Kind::Open
                    | Kind::Not
                    | Kind::Minus
                    | Kind::Plus
            )
        })
    }

    /// `NOT a`, `-a`, `+a`, `- -a`: a loop, so a long run of them costs no
    /// stack.
    fn unary(&mut self) -> Result<Clause, QueryError> {
        let mut excluded = false;
        while let Some(token) = self
            .peek()
            .filter(|t| matches!(t.kind, Kind::Not | Kind::Minus | Kind::Plus))
            .cloned()
        {
            self.next += 1;
            if token.kind != Kind::Plus {
                excluded = !excluded;
            }
            if !self.starts_operand() {
                return Err(self.nothing_after(&token));
            }
        }
        Ok(Clause {
            excluded,
            node: self.primary()?,
        })
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let token = self.peek().cloned().expect("checked by starts_operand");
        self.next += 1;
        match token.kind {
            Kind::Word { text, prefix } => Ok(Node::Word {
                text,
                prefix,
                at: token.at,
            }),
            Kind::Phrase { text, slop } => Ok(Node::Phrase {
                text,
                slop,
                at: token.at,
            }),
            Kind::Open => {
                if self.peek().is_some_and(|t| t.kind == Kind::Close) {
                    return Err(QueryError::at(
                        self.query,
                        token.at,
                        "empty parentheses".into(),
                    ));
                }
                let inner = self.any()?;
                match self.peek() {
                    Some(t) if t.kind == Kind::Close => {
                        self.next += 1;
                        Ok(inner)
                    }
                    Some(t) => Err(self.nothing_before(&t.clone())),
                    None => Err(QueryError::at(
                        self.query,
                        token.at,
                        "this '(' is never closed; add the ')'".into(),
                    )),
                }
            }
            _ => unreachable!("starts_operand admits only operands and prefixes"),
        }
    }
}

/// How an operator token is named in messages.
fn operator(kind: &Kind) -> &'static str {
    match kind {
        Kind::And => "AND",
        Kind::Or => "OR",
        Kind::Not => "NOT",
        Kind::Minus => "'-'",
        Kind::Plus => "'+'",
        Kind::Close => "')'",
        _ => "this",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Limits, lex::lex};
    use super::*;

    fn tree(query: &str) -> Node {
        let lexed = lex(query, &Limits::default()).unwrap();
        parse(query, &lexed.tokens).unwrap().unwrap()
    }

    fn error(query: &str) -> String {
        let lexed = lex(query, &Limits::default()).unwrap();
        parse(query, &lexed.tokens).unwrap_err().to_string()
    }

    fn w(text: &str, at: usize) -> Node {
        Node::Word {
            text: text.into(),
            prefix: false,
            at,
        }
    }

    fn must(node: Node) -> Clause {
        Clause {
            excluded: false,
            node,
        }
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert_eq!(
            tree("a b OR c"),
            Node::Any(vec![
                Node::All(vec![must(w("a", 0)), must(w("b", 2))]),
                w("c", 7)
            ])
        );
        assert_eq!(
            tree("a AND (b OR c) -d"),
            Node::All(vec![
                must(w("a", 0)),
                must(Node::Any(vec![w("b", 7), w("c", 12)])),
                Clause {
                    excluded: true,
                    node: w("d", 16)
                },
            ])
        );
        assert_eq!(
            tree("NOT torture"),
            Node::All(vec![Clause {
                excluded: true,
                node: w("torture", 4)
            }])
        );
        assert_eq!(tree("--torture"), w("torture", 2));
    }

    #[test]
    fn dangling_operators_are_named_with_their_place() {
        assert!(error("OR torture").contains("character 1, OR has nothing before it"));
        assert!(error("torture AND").contains("character 9, AND has nothing after it"));
        assert!(error("torture OR").contains("OR has nothing after it"));
        assert!(error("AND AND").contains("AND has nothing before it"));
        assert!(error("torture NOT").contains("NOT has nothing after it"));
        assert!(error("torture ()").contains("character 9, empty parentheses"));
        assert!(error("(torture OR)").contains("OR has nothing after it"));
        assert!(error("a AND OR b").contains("AND has nothing after it"));
    }
}
