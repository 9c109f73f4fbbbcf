import Testing

@testable import SQLBuilder

/// Rows tagged `a`, `b` or `c`, with duplicates, the operands of every set operation here.
struct TaggedNumbers: Relation {
  static let qualifiedName = QualifiedName("tagged_numbers")
  let tag = Column<PG.Text, NotNull>("tag")
  let n = Column<PG.Integer, NotNull>("n")
}

/// The output of each combined query.
struct Numbers: Relation {
  static let qualifiedName = QualifiedName("numbers")
  let n = Column<PG.Integer, NotNull>("n")
}

/// Set operations keep the structure the Swift builds: every nesting of every operator is run on
/// PostgreSQL and compared with the same combination computed in Swift.
@Suite struct SetOperationTests {
  static let operands: [String: [Int]] = [
    "a": [1, 1, 2, 3, 4, 7], "b": [2, 3, 3, 5, 7], "c": [3, 4, 5, 6, 6, 7],
  ]

  /// The operators, each with what PostgreSQL computes: UNION ALL keeps every row, the others
  /// return distinct rows.
  nonisolated(unsafe) static let operators:
    [(SetOperator, (Select<Numbers>, Select<Numbers>) -> Select<Numbers>)] = [
      (.unionAll, { $0.unionAll($1) }), (.union, { $0.union($1) }),
      (.intersect, { $0.intersect($1) }), (.except, { $0.except($1) }),
    ]

  static func combine(_ op: SetOperator, _ l: [Int], _ r: [Int]) -> [Int] {
    switch op {
    case .unionAll: return (l + r).sorted()
    case .union: return Set(l + r).sorted()
    case .intersect: return Set(l).intersection(r).sorted()
    case .except: return Set(l).subtracting(r).sorted()
    }
  }

  static func tagged(_ tag: String) -> Select<Numbers> {
    Select(Numbers.self) { q, out in
      let t = q.from(TaggedNumbers.self, as: "t")
      q.where(t.tag == .text(tag))
      out.n(t.n)
    }
  }

  /// Runs each query on PostgreSQL and returns its rows, sorted.
  static func run(_ queries: [Select<Numbers>]) throws -> [[Int]] {
    let rows = operands.flatMap { tag, values in values.map { "('\(tag)', \($0))" } }
    var sql = """
      CREATE TEMPORARY TABLE tagged_numbers (tag text NOT NULL, n integer NOT NULL);
      INSERT INTO tagged_numbers VALUES \(rows.joined(separator: ", "));
      """
    for query in queries {
      sql += "\nSELECT coalesce(string_agg(n::text, ',' ORDER BY n), '') FROM (\n"
      sql += try renderQuery(query) + ") combined;"
    }
    let output = try ShopDatabase.shared.get().run(sql)
    return output.split(separator: "\n", omittingEmptySubsequences: false).prefix(queries.count)
      .map { $0.split(separator: ",").compactMap { Int($0) } }
  }

  @Test func everyNestingOfTwoOperatorsOnEachSide() throws {
    let (a, b, c) = (Self.tagged("a"), Self.tagged("b"), Self.tagged("c"))
    let (va, vb, vc) = (Self.operands["a"]!, Self.operands["b"]!, Self.operands["c"]!)
    var queries: [Select<Numbers>] = []
    var expected: [[Int]] = []
    var names: [String] = []
    for (op1, f1) in Self.operators {
      for (op2, f2) in Self.operators {
        queries.append(f2(f1(a, b), c))
        expected.append(Self.combine(op2, Self.combine(op1, va, vb), vc))
        names.append("(a \(op1.rawValue) b) \(op2.rawValue) c")
        queries.append(f1(a, f2(b, c)))
        expected.append(Self.combine(op1, va, Self.combine(op2, vb, vc)))
        names.append("a \(op1.rawValue) (b \(op2.rawValue) c)")
        for (op3, f3) in Self.operators {
          queries.append(f2(f1(a, b), f3(c, a)))
          expected.append(
            Self.combine(op2, Self.combine(op1, va, vb), Self.combine(op3, vc, va)))
          names.append("(a \(op1.rawValue) b) \(op2.rawValue) (c \(op3.rawValue) a)")
        }
      }
    }
    let found = try Self.run(queries)
    #expect(found.count == queries.count)
    for (index, name) in names.enumerated() where index < found.count {
      #expect(found[index] == expected[index], "\(name)")
    }
  }

  @Test func theDriftShapeRendersBothDifferencesWhole() throws {
    let (a, b) = (Self.tagged("a"), Self.tagged("b"))
    let sql = try renderQuery(a.except(b).unionAll(b.except(a)))
    let expected = """
      (
        SELECT
          t.n
        FROM tagged_numbers t
        WHERE t.tag = 'a'
        EXCEPT
        SELECT
          t.n
        FROM tagged_numbers t
        WHERE t.tag = 'b'
      )
      UNION ALL
      (
        SELECT
          t.n
        FROM tagged_numbers t
        WHERE t.tag = 'b'
        EXCEPT
        SELECT
          t.n
        FROM tagged_numbers t
        WHERE t.tag = 'a'
      )

      """
    #expect(sql == expected)
    #expect(try Self.run([a.except(b).unionAll(b.except(a))]) == [[1, 4, 5]])
  }

  @Test func aBranchKeepsItsOwnOrderByAndLimit() throws {
    let topTwo = Select(Numbers.self) { q, out in
      let t = q.from(TaggedNumbers.self, as: "t")
      q.where(t.tag == "c")
      q.orderBy(t.n.descending())
      q.limit(2)
      out.n(t.n)
    }
    let sql = try renderQuery(Self.tagged("a").union(topTwo).orderBy(\.n))
    #expect(
      sql == """
        SELECT
          t.n
        FROM tagged_numbers t
        WHERE t.tag = 'a'
        UNION
        (
          SELECT
            t.n
          FROM tagged_numbers t
          WHERE t.tag = 'c'
          ORDER BY t.n DESC
          LIMIT 2
        )
        ORDER BY n

        """)
    #expect(try Self.run([Self.tagged("a").union(topTwo)]) == [[1, 2, 3, 4, 6, 7]])
    // Ordered on its own and then combined: the operand is parenthesized, not the whole.
    let ordered = Self.tagged("b").orderBy(\.n)
    #expect(try Self.run([ordered.unionAll(Self.tagged("b"))]) == [[2, 2, 3, 3, 3, 3, 5, 5, 7, 7]])
  }
}
