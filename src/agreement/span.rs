//! Span level: within the units every coder reviewed, each character is an observation of
//! every coder's code set (a coding without a span covers the whole unit), and per code the
//! coders' spans are compared by Krippendorff's unitized alpha over the counted units laid end
//! to end as one continuum.

use super::between_coders::Tallies;
use super::collect::CodedUnits;
use super::unitized::unitized_alpha;
use crate::project::Project;

/// One coding inside a unit: coder, compared codes it sets, [start, end) in characters.
struct Piece<'a> {
    coder: usize,
    bits: &'a [usize],
    start: u64,
    end: u64,
}

/// Character-level tallies and unitized alpha per code.
pub(super) fn span_tallies(p: &Project, data: &CodedUnits) -> Tallies {
    let m = data.m();
    let words = data.words();
    let n_codes = data.codes.len();
    let mut t = Tallies::new(n_codes, m);
    // spans[code][coder]: spans on the continuum.
    let mut spans: Vec<Vec<Vec<(u64, u64)>>> = vec![vec![Vec::new(); m]; n_codes];
    let mut offset = 0u64;
    let mut clamped = 0u64;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut cuts: Vec<u64> = Vec::new();
    let mut sets = vec![0u64; m * words];
    for &pos in &data.units {
        let unit = &p.units[pos];
        let len = p.unit_chars(unit) as u64;
        pieces.clear();
        for c in 0..m {
            for coding in data.state(c).codings_of(&unit.id) {
                let bits = data.bits_of(&coding.code);
                if bits.is_empty() {
                    continue;
                }
                let (start, end) = match coding.span {
                    Some((a, b)) => {
                        let (a, b) = (a as u64, b as u64);
                        if b > len || a > b {
                            clamped += 1;
                        }
                        (a.min(len), b.min(len).max(a.min(len)))
                    }
                    None => (0, len),
                };
                if start < end {
                    pieces.push(Piece {
                        coder: c,
                        bits,
                        start,
                        end,
                    });
                }
            }
        }
        cuts.clear();
        cuts.extend([0, len]);
        for piece in &pieces {
            cuts.extend([piece.start, piece.end]);
            for &b in piece.bits {
                spans[b][piece.coder].push((offset + piece.start, offset + piece.end));
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for run in cuts.windows(2) {
            let (from, to) = (run[0], run[1]);
            sets.fill(0);
            for piece in pieces.iter().filter(|x| x.start <= from && to <= x.end) {
                let row = &mut sets[piece.coder * words..(piece.coder + 1) * words];
                for &b in piece.bits {
                    row[b / 64] |= 1 << (b % 64);
                }
            }
            t.add(&sets, words, to - from);
        }
        offset += len;
    }
    t.finish();
    t.unitized = Some(
        spans
            .iter()
            .map(|per_coder| unitized_alpha(offset, per_coder))
            .collect(),
    );
    t.characters = Some(offset);
    t.spans_clamped = clamped;
    t
}
