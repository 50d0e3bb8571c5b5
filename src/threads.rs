//! Work done side by side: one thread per item, as many at a time as there are processors.

use crate::error::{Error, Result};

/// `work` of every item, each on a thread of its own (at most as many at once as there are
/// processors; in the calling thread when there is one item or one processor), in the order of
/// `items`. The first error wins.
pub fn side_by_side<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if items.len() < 2 || threads < 2 {
        return items.iter().map(&work).collect();
    }
    let work = &work;
    let mut out = Vec::with_capacity(items.len());
    for batch in items.chunks(threads) {
        let done: Vec<Result<R>> = std::thread::scope(|s| {
            let running: Vec<_> = batch.iter().map(|x| s.spawn(move || work(x))).collect();
            running
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(Error::user("a worker thread failed")))
                })
                .collect()
        });
        for r in done {
            out.push(r?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_the_first_error_wins() {
        let items: Vec<u32> = (0..9).collect();
        assert_eq!(
            side_by_side(&items, |x| Ok(x * 2)).unwrap(),
            (0..9).map(|x| x * 2).collect::<Vec<_>>()
        );
        let e = side_by_side(&items, |&x| {
            if x % 4 == 3 {
                Err(Error::user(format!("no {x}")))
            } else {
                Ok(x)
            }
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "no 3");
        assert!(side_by_side(&[] as &[u32], |x| Ok(*x)).unwrap().is_empty());
    }
}
