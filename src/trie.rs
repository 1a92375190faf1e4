//! A double-array trie over byte strings, for anchored walks: the first words of
//! [`crate::keyset::KeySet`], walked from each place a word may start.
//!
//! A step from state `s` on byte `b` is two array reads: the child is `base[s] + class[b]`, and
//! it is a child of `s` when `check` says so. Unlike an Aho-Corasick automaton walked anchored,
//! a state holds exactly the one word that ends there (no matches copied from its suffixes)
//! and there are no failure transitions to skip.

/// No word, no parent.
const NONE: u32 = u32::MAX;

/// The root state.
pub(crate) const ROOT: u32 = 0;

/// A compiled set of distinct, non-empty byte strings ("words"), each with a value.
#[derive(Debug, Clone)]
pub(crate) struct ByteTrie {
    /// The class of each byte: 1 up for the bytes some word holds, 0 for the others (no step
    /// on them leads anywhere).
    class: [u8; 256],
    /// Per state, the slot its children are numbered from (child on class `c`: `base + c`).
    base: Vec<u32>,
    /// Per slot, the state whose child it is ([`NONE`]: free).
    check: Vec<u32>,
    /// Per slot, the value of the word that ends in this state ([`NONE`]: none does).
    value: Vec<u32>,
}

impl ByteTrie {
    /// Compiles `words` (distinct, non-empty), word `i` having value `values[i]`.
    pub(crate) fn new(words: &[&[u8]], values: &[u32]) -> ByteTrie {
        let mut class = [0u8; 256];
        for w in words {
            w.iter().for_each(|&b| class[b as usize] = 1);
        }
        let mut n = 0u8;
        for c in class.iter_mut().filter(|c| **c != 0) {
            n += 1;
            *c = n;
        }
        // A plain trie first: children as sorted (class, node) lists.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<u32> = vec![NONE];
        for (w, &v) in words.iter().zip(values) {
            let mut node = 0usize;
            for &b in w.iter() {
                let c = class[b as usize];
                node = match children[node].binary_search_by_key(&c, |&(k, _)| k) {
                    Ok(i) => children[node][i].1 as usize,
                    Err(i) => {
                        let id = children.len() as u32;
                        children[node].insert(i, (c, id));
                        children.push(Vec::new());
                        ends.push(NONE);
                        id as usize
                    }
                };
            }
            ends[node] = v;
        }
        let mut t = ByteTrie { class, base: vec![0], check: vec![NONE], value: vec![ends[0]] };
        // Place the nodes breadth first: each node's children in the first free slots that fit.
        let mut slot_of = vec![0u32; children.len()];
        let mut queue = std::collections::VecDeque::from([0u32]);
        let mut from = 1usize;
        while let Some(node) = queue.pop_front() {
            let kids = &children[node as usize];
            if kids.is_empty() {
                continue;
            }
            let s = slot_of[node as usize];
            let base = t.find_base(kids, &mut from);
            t.base[s as usize] = base as u32;
            for &(c, kid) in kids {
                let slot = base + c as usize;
                t.check[slot] = s;
                t.value[slot] = ends[kid as usize];
                slot_of[kid as usize] = slot as u32;
                queue.push_back(kid);
            }
        }
        t
    }

    /// A base at which every class of `kids` lands on a free slot (growing the arrays to hold
    /// them): the first that fits from `from`, the slot before which the arrays are (nearly)
    /// full. A stretch that the search finds 95 % taken moves `from` past it, so that later
    /// searches do not walk it again (the build stays near-linear in the number of nodes).
    fn find_base(&mut self, kids: &[(u8, u32)], from: &mut usize) -> usize {
        let free = |t: &ByteTrie, slot: usize| t.check.get(slot).is_none_or(|&x| x == NONE);
        let first = kids[0].0 as usize;
        let start = (*from).max(first);
        let (mut slot, mut taken) = (start, 0usize);
        loop {
            if !free(self, slot) {
                taken += 1;
            } else if kids[1..].iter().all(|&(c, _)| free(self, slot - first + c as usize)) {
                let base = slot - first;
                let top = base + kids[kids.len() - 1].0 as usize + 1;
                if self.check.len() < top {
                    self.check.resize(top, NONE);
                    self.value.resize(top, NONE);
                    self.base.resize(top, 0);
                }
                return base;
            }
            slot += 1;
            if taken * 20 >= (slot - start) * 19 {
                *from = slot;
            }
        }
    }

    /// The state after `state` on byte `b`, or `None` when no word goes on that way.
    #[inline]
    pub(crate) fn step(&self, state: u32, b: u8) -> Option<u32> {
        let c = self.class[b as usize];
        if c == 0 {
            return None;
        }
        let slot = self.base[state as usize] as usize + c as usize;
        (self.check.get(slot) == Some(&state)).then_some(slot as u32)
    }

    /// The value of the word that ends in `state`, if one does.
    #[inline]
    pub(crate) fn value(&self, state: u32) -> Option<u32> {
        let v = self.value[state as usize];
        (v != NONE).then_some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (end, value) of the words that start at `at` of `text`, walking the trie.
    fn walk(t: &ByteTrie, text: &[u8], at: usize) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let mut s = ROOT;
        for (i, &b) in text[at..].iter().enumerate() {
            let Some(n) = t.step(s, b) else { break };
            s = n;
            out.extend(t.value(s).map(|v| (at + i + 1, v)));
        }
        out
    }

    #[test]
    fn finds_every_word_that_starts_at_each_position() {
        let words: Vec<&[u8]> =
            vec![b"a", b"ab", b"abc", b"b", b"bcd", b"cab", b"\xff\x01", b"\x01", b"zz", b"abd"];
        let values: Vec<u32> = (0..words.len() as u32).map(|i| i * 10).collect();
        let t = ByteTrie::new(&words, &values);
        let text = b"xabcabd\xff\x01zzbcdab";
        for at in 0..text.len() {
            let want: Vec<(usize, u32)> = (at + 1..=text.len())
                .filter_map(|e| words.iter().position(|w| *w == &text[at..e]).map(|i| (e, values[i])))
                .collect();
            assert_eq!(walk(&t, text, at), want, "at {at}");
        }
    }

    #[test]
    fn empty_set_finds_nothing() {
        let t = ByteTrie::new(&[], &[]);
        assert_eq!(t.step(ROOT, b'a'), None);
    }
}
