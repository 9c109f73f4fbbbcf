import Testing

@testable import SQLBuilder

/// A table or function created in `public`, which Supabase's API exposes, gets every privilege
/// for `anon` and `authenticated` from the project's default privileges, whatever the scripts
/// grant: generation stops until the scripts revoke them, so a Grant means what it says.
@Suite struct ExposedSchemaTests {
  struct Notes: Relation {
    static let qualifiedName = QualifiedName("public", "team_notes")
    let id = Column<PG.Integer, NotNull>("id")
  }

  struct NoArguments: FunctionParameters {}
  static let noteCount = Function("public", "team_note_count", parameters: NoArguments.self)

  static let grantOnly: [any SQLStatement] = [
    CreateTable(Notes.self) { t in t.primaryKey(\.id) },
    Grant(.select, on: .table(Notes.self), to: .authenticated),
  ]

  static let revokeThenGrant: [any SQLStatement] = [
    CreateTable(Notes.self) { t in t.primaryKey(\.id) },
    Revoke(.all, on: .table(Notes.self), from: .anon, .authenticated),
    Grant(.select, on: .table(Notes.self), to: .authenticated),
  ]

  static let privileges = """
    SELECT has_table_privilege('anon', 'public.team_notes', 'SELECT'),
           has_table_privilege('authenticated', 'public.team_notes', 'DELETE'),
           has_table_privilege('authenticated', 'public.team_notes', 'SELECT');
    """

  @Test func aGrantAloneOnATableInPublicIsAGenerationError() throws {
    let found = validate([SQLScript("notes.sql", header: []) { Self.grantOnly }])
    #expect(
      found.map(\.description) == [
        "table public.team_notes: public.team_notes is created in a schema the API exposes, where Supabase's default privileges give anon and authenticated every privilege on it, which grants only add to; revoke them first, `Revoke(.all, on: .table(…), from: .anon, .authenticated)`, then grant what each role needs"
      ])
    #expect(validate([SQLScript("notes.sql", header: []) { Self.revokeThenGrant }]).isEmpty)
    // What the rule prevents: with the grant alone, anon reads and authenticated deletes.
    let database = try ShopDatabase.shared.get()
    let grantOnly = try database.run(ShopDatabase.rendered(Self.grantOnly) + Self.privileges)
    #expect(grantOnly == "t|t|t\n")
    let revoked = try database.run(ShopDatabase.rendered(Self.revokeThenGrant) + Self.privileges)
    #expect(revoked == "f|f|t\n")
  }

  @Test func aFunctionInPublicRevokesToo() {
    let create = CreateFunction(
      Self.noteCount, returns: PG.BigInt.self,
      sql: { _ in
        scalar { q in
          _ = q.from(Notes.self, as: "n")
          return count()
        }.assumingNotNull
      })
    let found = validate([
      SQLScript("notes.sql", header: []) {
        Self.revokeThenGrant
        create
      }
    ])
    #expect(found.map(\.object) == ["function public.team_note_count()"])
    #expect(
      validate([
        SQLScript("notes.sql", header: []) {
          Self.revokeThenGrant
          create
          Revoke(.all, on: .function(Self.noteCount), from: .public, .anon, .authenticated)
        }
      ]).isEmpty)
  }
}
