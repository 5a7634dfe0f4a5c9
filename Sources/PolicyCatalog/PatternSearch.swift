extension Pattern {
    /// The outcome of a search, and the work it took: one unit per instruction a thread visited.
    public struct Search: Sendable, Hashable {
        /// Whether the pattern matches somewhere in the text; nil when the search passed its budget
        /// and was stopped.
        public var found: Bool?
        public var work: Int
    }

    /// Searches `text` for a match anywhere in it, in at most `budget` units of work (see
    /// `Search.work`): all the threads advance together one character at a time, each
    /// instruction is visited at most once per position, so the work is at most the program's
    /// length per character, plus the lookaheads' own searches. A lookahead's answer at a
    /// position is searched once and kept, so nested lookaheads cost no more than one: a pattern
    /// with a lookahead whose body can run to the end of the text (`(?=.*b)`) is quadratic in the
    /// text at worst, and the budget bounds it.
    public func search(_ text: String, budget: Int) -> Search {
        var machine = PatternMachine(program: program, text: text, budget: budget)
        let found = machine.run(from: 0, at: 0, text.startIndex, anchored: false)
        return Search(found: found, work: machine.work)
    }
}

/// One search: the program, the text, and the marks that keep each instruction to one visit per
/// position. A lookahead runs a search of its own from its body, on the same marks: a body's
/// instructions are none of the enclosing run's, and every position of every run takes a fresh
/// generation number, so no mark left by one run is read as another's.
///
/// The text is walked in place, a character at a time, never copied: an array of its characters
/// took 16 bytes each, and their composed scalars 8 more, so a 16 MB role held 400 MB for a search
/// that ended at its 20th character. A place in it is a position (characters from the start: the
/// marks, the work and the lookaheads' keys count in them) and the string's index there, which a
/// lookahead's own search starts from.
struct PatternMachine {
    let program: [Instruction]
    let text: String
    let budget: Int
    var work = 0
    var clock = 0
    var marks: [Int]
    /// The instructions still to follow, shared by nested `add`s, each above the ones before.
    var pending: [Int] = []
    /// Each lookahead's answer at each position where it was asked, by `pc * positions +
    /// position`: the same wherever the question comes from, so it is searched once.
    var lookaheads: [Int: Bool] = [:]
    /// More than the text's positions: one per byte and the end, known at once where counting the
    /// characters would read the whole text.
    let positions: Int

    init(program: [Instruction], text: String, budget: Int) {
        self.program = program
        self.text = text
        self.budget = budget
        marks = [Int](repeating: -1, count: program.count)
        positions = text.utf8.count + 1
    }

    /// Whether the program from `start` matches from `position` (at `index` in the text;
    /// `anchored`) or from any position at or after it; nil past the budget.
    mutating func run(from start: Int, at position: Int, _ index: String.Index, anchored: Bool) -> Bool? {
        var current: [Int] = []
        var next: [Int] = []
        switch add(start, at: position, index, generation: fresh(), to: &current) {
        case nil: return nil
        case true?: return true
        case false?: break
        }
        var position = position
        var index = index
        while index < text.endIndex {
            if current.isEmpty && anchored { return false }
            let c = text[index]
            let after = text.index(after: index)
            // The character's composed scalar (`Character.composedScalar`), found when a class
            // with ranges first asks for it here (none of the others reads it): outer nil until
            // then.
            var composed: Unicode.Scalar?? = nil
            let generation = fresh()
            for pc in current {
                work += 1
                let advances: Bool
                switch program[pc] {
                case .character(let wanted): advances = c == wanted
                case .set(let set):
                    if composed == nil && !set.ranges.isEmpty { composed = c.composedScalar }
                    advances = set.contains(c, composed: composed ?? nil)
                case .notNewline: advances = !c.isNewline
                default: advances = false
                }
                guard advances else { continue }
                switch add(pc + 1, at: position + 1, after, generation: generation, to: &next) {
                case nil: return nil
                case true?: return true
                case false?: break
                }
            }
            if !anchored {
                switch add(start, at: position + 1, after, generation: generation, to: &next) {
                case nil: return nil
                case true?: return true
                case false?: break
                }
            }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
            position += 1
            index = after
            if work > budget { return nil }
        }
        return false
    }

    private mutating func fresh() -> Int {
        clock += 1
        return clock
    }

    /// Adds the thread at `pc` to `list`, following every instruction that consumes nothing;
    /// true when one reaches a match, nil past the budget.
    private mutating func add(
        _ pc: Int, at position: Int, _ index: String.Index, generation: Int, to list: inout [Int]
    ) -> Bool? {
        let base = pending.count
        defer { pending.removeSubrange(base...) }
        pending.append(pc)
        while pending.count > base {
            let pc = pending.removeLast()
            guard marks[pc] != generation else { continue }
            marks[pc] = generation
            work += 1
            if work > budget { return nil }
            switch program[pc] {
            case .match: return true
            case .jump(let target): pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .textStart:
                if position == 0 { pending.append(pc + 1) }
            case .textEnd:
                if index == text.endIndex { pending.append(pc + 1) }
            case .lookahead(let body, let next, let negative):
                let key = pc * positions + position
                let holds: Bool
                if let known = lookaheads[key] {
                    holds = known
                } else {
                    guard let found = run(from: body, at: position, index, anchored: true) else { return nil }
                    lookaheads[key] = found
                    holds = found
                }
                if holds != negative { pending.append(next) }
            case .character, .set, .notNewline:
                list.append(pc)
            }
        }
        return false
    }
}
