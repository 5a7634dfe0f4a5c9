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
        var machine = PatternMachine(program: program, text: Array(text), composing: hasRanges, budget: budget)
        let found = machine.run(from: 0, at: 0, anchored: false)
        return Search(found: found, work: machine.work)
    }
}

/// One search: the program, the text, and the marks that keep each instruction to one visit per
/// position. A lookahead runs a search of its own from its body, on the same marks: a body's
/// instructions are none of the enclosing run's, and every position of every run takes a fresh
/// generation number, so no mark left by one run is read as another's.
struct PatternMachine {
    let program: [Instruction]
    let text: [Character]
    /// Each character's composed scalar (`Character.composedScalar`), found once per search, and
    /// only for a program whose classes hold ranges (none of the others reads it).
    let composed: [Unicode.Scalar?]
    let budget: Int
    var work = 0
    var clock = 0
    var marks: [Int]
    /// The instructions still to follow, shared by nested `add`s, each above the ones before.
    var pending: [Int] = []
    /// Each lookahead's answer at each position where it was asked, by `pc * (text.count + 1) +
    /// position`: the same wherever the question comes from, so it is searched once.
    var lookaheads: [Int: Bool] = [:]

    init(program: [Instruction], text: [Character], composing: Bool, budget: Int) {
        self.program = program
        self.text = text
        composed = composing ? text.map(\.composedScalar) : []
        self.budget = budget
        marks = [Int](repeating: -1, count: program.count)
    }

    /// Whether the program from `start` matches from `position` (`anchored`) or from any
    /// position at or after it; nil past the budget.
    mutating func run(from start: Int, at position: Int, anchored: Bool) -> Bool? {
        var current: [Int] = []
        var next: [Int] = []
        switch add(start, at: position, generation: fresh(), to: &current) {
        case nil: return nil
        case true?: return true
        case false?: break
        }
        var position = position
        while position < text.count {
            if current.isEmpty && anchored { return false }
            let c = text[position]
            let generation = fresh()
            for pc in current {
                work += 1
                let advances: Bool
                switch program[pc] {
                case .character(let wanted): advances = c == wanted
                case .set(let set): advances = set.contains(c, composed: composed.isEmpty ? nil : composed[position])
                case .notNewline: advances = !c.isNewline
                default: advances = false
                }
                guard advances else { continue }
                switch add(pc + 1, at: position + 1, generation: generation, to: &next) {
                case nil: return nil
                case true?: return true
                case false?: break
                }
            }
            if !anchored {
                switch add(start, at: position + 1, generation: generation, to: &next) {
                case nil: return nil
                case true?: return true
                case false?: break
                }
            }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
            position += 1
            if work > budget { return nil }
        }
        return false
    }

    /// Adds the thread at `pc` to `list`, following every instruction that consumes nothing;
    /// true when one reaches a match, nil past the budget.
    private mutating func fresh() -> Int {
        clock += 1
        return clock
    }

    private mutating func add(_ pc: Int, at position: Int, generation: Int, to list: inout [Int]) -> Bool? {
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
                if position == text.count { pending.append(pc + 1) }
            case .lookahead(let body, let next, let negative):
                let key = pc * (text.count + 1) + position
                let holds: Bool
                if let known = lookaheads[key] {
                    holds = known
                } else {
                    guard let found = run(from: body, at: position, anchored: true) else { return nil }
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
