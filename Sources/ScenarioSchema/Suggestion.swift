/// "Did you mean ...?" for misspelt keys, by Levenshtein edit distance.
public enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo:
    /// one edit for words of up to 3 letters, otherwise up to 2 edits or a third of the length,
    /// whichever is larger, and fewer edits than the shorter word has letters, so one-letter keys
    /// are never "typos" of each other (ties go to the earlier candidate, so the answer is deterministic).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = word.count <= 3 ? 1 : max(2, word.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            guard distance <= limit, distance < min(word.count, candidate.count) else { continue }
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Classic two-row dynamic programme over Characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
