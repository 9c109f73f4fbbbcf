import Foundation
import Testing

@testable import SQLBuilder

/// The TypeScript writer: each type as PostgreSQL's JSON gives it (checked on PostgreSQL),
/// fields and arguments as declared, and a finding for what it cannot write.
@Suite struct TypeScriptWriterTests {
  struct Goals: Relation {
    static let qualifiedName = QualifiedName("shop", "goals")
    let id = Column<PG.UUID, NotNull>("id")
    let note = Column<PG.Text, Nullable>("note")
    let target = Column<PG.Numeric, NotNull>("target", precision: 12, scale: 2)
    let done = Column<PG.Boolean, Nullable>("done")
    let tags = Column<PG.Array<PG.Text>, NotNull>("tags")
    let odd = Column<PG.Integer, NotNull>("Odd Name")
    init() {}
  }

  struct GoalQuery: FunctionParameters {
    let owner = Parameter<PG.UUID>("p_owner")
    let limit = NotNullParameter<PG.Integer>("p_limit")
    let since = Parameter<PG.Date>("p_since", default: currentDate)
    let note = Parameter<PG.Text>("p_note", default: .null)
    init() {}
  }

  static let goals = TypeScriptFunction(
    Function("shop", "goals_for", parameters: GoalQuery.self), returnsSetOf: Goals.self,
    summary: "The owner's goals.")

  @Test func fieldsAndArgumentsAreTypedAsDeclared() throws {
    let text = try TypeScriptFile(
      header: ["Test."], database: "ShopDatabase",
      functions: [
        Self.goals
      ]
    ).render()
    #expect(
      text.contains(
        """
        /** A row of shop.goals as PostgREST sends it in JSON. */
        export type GoalsRow = {
          /** uuid */
          id: string
          /** text */
          note: string | null
          /** numeric(12,2) */
          target: number
          /** boolean */
          done: boolean | null
          /** text[] */
          tags: (string | null)[]
          /** integer */
          'Odd Name': number
        }

        /** The arguments of shop.goals_for, by name as supabase-js passes them. */
        export type GoalsForArgs = {
          /** uuid */
          p_owner: string
          /** integer */
          p_limit: number
          /** date, DEFAULT set */
          p_since?: string
          /** text, DEFAULT NULL */
          p_note?: string | null
        }
        """))
    #expect(
      text.contains(
        """
        export type ShopDatabase = {
          shop: {
            Functions: {
              goals_for: {
                Args: GoalsForArgs
                Returns: GoalsRow[]
              }
            }
          }
        }
        """))
    #expect(text.contains("export type WithShopDatabase<D> = {"))
    #expect(
      text.contains(
        "export async function goalsFor(\n  client: RpcClient,\n  args: GoalsForArgs,\n): Promise<GoalsRow[]> {"
      ))
    #expect(text.contains("const { data, error } = await client.rpc('goals_for', args)"))
    #expect(text.hasPrefix("// Test.\n\n"))
  }

  @Test func twoFunctionsOfOneRelationShareItsRowType() throws {
    let other = TypeScriptFunction(
      Function("shop", "all_goals", parameters: GoalQuery.self), returnsSetOf: Goals.self,
      summary: "Every goal.")
    let text = try TypeScriptFile(header: [], database: "D", functions: [Self.goals, other])
      .render()
    #expect(text.components(separatedBy: "export type GoalsRow = {").count == 2)
    #expect(text.contains("export async function allGoals("))
  }

  struct Search: Relation {
    static let qualifiedName = QualifiedName("shop", "search")
    let document = Column<TSVector, NotNull>("document")
    init() {}
  }
  enum TSVector: SQLType { static let sqlName = "tsvector" }
  enum First { struct Rows: Relation { static let qualifiedName = QualifiedName("a", "rows") } }
  enum Second { struct Rows: Relation { static let qualifiedName = QualifiedName("b", "rows") } }

  /// What the writer cannot write fails generation with a finding naming the object.
  @Test(arguments: [
    (
      TypeScriptFunction(
        Function("shop", "search", parameters: NoParameters.self), returnsSetOf: Search.self,
        summary: ""),
      "relation shop.search: column document is of type tsvector, which has no TypeScript type here: add its JSON form to TypeScriptJSONType",
      TypeScriptRules.Finding.noTypeScriptType(member: "column document", sqlType: "tsvector")
    ),
    (
      TypeScriptFunction(
        Function(nil, "goals_for", parameters: GoalQuery.self), returnsSetOf: Goals.self,
        summary: ""),
      "function goals_for: has no schema; declare it as Function(\"public\", …) for PostgREST to call it",
      .functionWithoutSchema
    ),
    (
      TypeScriptFunction(
        Function("shop", "delete", parameters: NoParameters.self), returnsSetOf: Goals.self,
        summary: ""),
      "function shop.delete: gives the TypeScript name delete, which is not an identifier",
      .notAnIdentifier("delete")
    ),
  ])
  func whatCannotBeWrittenIsAFinding(
    function: TypeScriptFunction, message: String, finding: TypeScriptRules.Finding
  ) {
    #expect {
      try TypeScriptFile(header: [], database: "D", functions: [function]).render()
    } throws: { error in
      let diagnostics = (error as? SQLGenerationError)?.diagnostics ?? []
      return diagnostics.map(\.description) == [message]
        && diagnostics.first?.finding as? TypeScriptRules.Finding == finding
    }
  }

  @Test func twoRelationsOfOneSwiftNameAreAFinding() {
    let functions = [
      TypeScriptFunction(
        Function("a", "first", parameters: NoParameters.self), returnsSetOf: First.Rows.self,
        summary: ""),
      TypeScriptFunction(
        Function("b", "second", parameters: NoParameters.self), returnsSetOf: Second.Rows.self,
        summary: ""),
    ]
    #expect {
      try TypeScriptFile(header: [], database: "D", functions: functions).render()
    } throws: { error in
      (error as? SQLGenerationError)?.diagnostics.map(\.description) == [
        "relation b.rows: declares RowsRow twice in one TypeScript file"
      ]
    }
  }

  /// Each type the writer knows, as PostgreSQL's `to_json` writes a value of it: what
  /// PostgREST sends.
  @Test func everyTypeIsWhatPostgreSQLsJSONGivesIt() throws {
    let samples: [(type: String, value: String)] = [
      ("smallint", "1"), ("integer", "1"), ("bigint", "9007199254740993"), ("real", "1.5"),
      ("double precision", "0.1"), ("numeric", "12.34"), ("numeric(12,2)", "12.34"),
      ("text", "x"), ("name", "x"), ("uuid", "a0000000-0000-0000-0000-000000000001"),
      ("date", "2024-05-01"), ("timestamp with time zone", "2024-05-01 12:00Z"),
      ("timestamp without time zone", "2024-05-01 12:00"), ("time without time zone", "12:00"),
      ("interval", "1 day"), ("oid", "1"), ("regclass", "pg_class"), ("boolean", "true"),
      ("jsonb", "{\"a\": 1}"), ("integer[]", "{1,NULL}"), ("text[]", "{a}"),
    ]
    let sql = samples.map { sample in
      "SELECT json_typeof(to_json('\(sample.value)'::\(sample.type))) || '|' || to_json('\(sample.value)'::\(sample.type));"
    }.joined(separator: "\n")
    let output = try ShopDatabase.shared.get().run(sql).split(separator: "\n")
    #expect(output.count == samples.count)
    let typeScript = ["number": "number", "string": "string", "boolean": "boolean"]
    for (sample, line) in zip(samples, output) {
      let json = String(line.split(separator: "|", maxSplits: 1)[0])
      let expected: String? =
        switch json {
        case "object": "unknown"
        case "array":
          TypeScriptJSONType.of(String(sample.type.dropLast(2))).map { "(\($0) | null)[]" }
        default: typeScript[json]
        }
      #expect(TypeScriptJSONType.of(sample.type) == expected, "\(sample.type): \(line)")
    }
    #expect(TypeScriptJSONType.of("tsvector") == nil)
  }
}
