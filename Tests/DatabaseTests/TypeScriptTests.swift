import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder
import Testing

extension DatabaseTests {
  /// The dashboard's TypeScript (`lib/queries/metrics.ts`, as the definitions generate it):
  /// it type-checks strictly with the README's blocks, its row type is what PostgreSQL returns,
  /// and it follows the view's columns.
  @Suite struct TypeScript {
    static let fixtures = MetricsDatabase.root.appendingPathComponent(
      "Tests/DatabaseTests/Fixtures")

    /// Account A with locations L1 (two days) and L2, and an order without a location; user U
    /// may see both locations, so it sees the account-wide row too.
    static let seed = """
      INSERT INTO accounts VALUES ('a1000000-0000-0000-0000-000000000001', 'UTC');
      INSERT INTO locations VALUES
        ('11000000-0000-0000-0000-000000000001', 'a1000000-0000-0000-0000-000000000001', NULL),
        ('11000000-0000-0000-0000-000000000002', 'a1000000-0000-0000-0000-000000000001', NULL);
      INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
        ('ts-1', '11000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 12:00Z'),
        ('ts-2', '11000000-0000-0000-0000-000000000001', 'missed', 'order', '2024-05-02 12:00Z'),
        ('ts-3', '11000000-0000-0000-0000-000000000002', 'completed', 'reservation', '2024-05-01 12:00Z');
      INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
        ('b1000000-0000-0000-0000-000000000001', 'a1000000-0000-0000-0000-000000000001', NULL, 12.34, '2024-05-01 12:00Z');
      INSERT INTO user_location_access (user_id, location_id, account_id) VALUES
        ('e1000000-0000-0000-0000-000000000001', '11000000-0000-0000-0000-000000000001', 'a1000000-0000-0000-0000-000000000001'),
        ('e1000000-0000-0000-0000-000000000001', '11000000-0000-0000-0000-000000000002', 'a1000000-0000-0000-0000-000000000001');
      SELECT public.refresh_metrics_daily();
      """
    static let account = "a1000000-0000-0000-0000-000000000001"
    static let user = "e1000000-0000-0000-0000-000000000001"

    /// The README's ```ts blocks, each as written (without the list's indentation).
    static func readmeBlocks() throws -> [String] {
      var blocks: [String] = []
      var current: (indentation: Int, lines: [String])?
      for line in try MetricsDatabase.file("README.md").split(
        separator: "\n", omittingEmptySubsequences: false)
      {
        let trimmed = line.drop { $0 == " " }
        if let open = current {
          if trimmed == "```" {
            blocks.append(open.lines.joined(separator: "\n"))
            current = nil
          } else {
            current?.lines.append(String(line.dropFirst(min(open.indentation, line.count))))
          }
        } else if trimmed == "```ts" {
          current = (line.count - trimmed.count, [])
        }
      }
      return blocks
    }

    /// Writes `files` (path: text) into a new folder and returns it.
    static func folder(with files: [String: String]) throws -> URL {
      let folder = try TypeScriptToolchain.scratchFolder()
      for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      }
      return folder
    }

    /// The generated file with the README's blocks (each a module of its own), the usage
    /// checks and their stand-ins, under `tsc --strict`. Each `@ts-expect-error` line of the
    /// checks must fail, so what the types refuse is checked as well as what they allow.
    @Test func typeChecksStrictlyWithTheREADMEBlocksAndTheUsageChecks() throws {
      let tools = try TypeScriptToolchain.find()
      let blocks = try Self.readmeBlocks()
      #expect(blocks.contains { $0.contains("getMetricsForRange(supabase, {") })
      #expect(blocks.contains { $0.contains("WithMetricsDatabase<Generated>") })
      var files = [
        "lib/queries/metrics.ts": try MetricsSchema.ReadAPI.typeScriptFile.render(),
        "lib/database.types.ts": try Self.fixture("database.types.ts"),
        "stand-ins.d.ts": try Self.fixture("stand-ins.d.ts"),
        "usage-checks.ts": try Self.fixture("usage-checks.ts"),
      ]
      for (index, block) in blocks.enumerated() {
        files["readme-\(index + 1).ts"] = block + "\nexport {}\n"
      }
      let folder = try Self.folder(with: files)
      let result = try tools.typeCheck(files.keys.sorted(), in: folder)
      #expect(result.status == 0, "tsc --strict failed:\n\(result.output)\(result.error)")
    }

    /// What `check-rows.cjs` reports.
    struct RowReport: Decodable {
      struct Field: Decodable, Equatable {
        let name: String
        let type: String
      }
      struct Call: Decodable, Equatable {
        let fn: String
        let args: [String: String]
      }
      struct Thrown: Decodable, Equatable {
        let isRpcError: Bool
        let name: String
        let code: String?
        let message: String
      }
      let declared: [Field]
      let calls: [Call]
      let rows: Int
      let seen: [String: [String]]
      let mismatches: [String]
      let thrown: Thrown?
    }

    /// Seeds the database, calls the function as user U with `json_agg` over its rows (as
    /// PostgREST builds its response) and once with a reversed range for PostgreSQL's error,
    /// then runs the compiled TypeScript on both under Node.
    static func rowReport(_ database: MetricsDatabase) throws -> RowReport {
      let tools = try TypeScriptToolchain.find()
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(seed)
      let rows = try database.cluster.psql(
        """
        BEGIN;
        SET LOCAL ROLE authenticated;
        SET LOCAL request.jwt.claims = '{"sub": "\(user)", "role": "authenticated"}';
        SELECT coalesce(json_agg(m), '[]') FROM public.get_metrics_for_range(
          p_account_id => '\(account)', p_from_date => '2024-05-01', p_to_date => '2024-05-31') m;
        COMMIT;
        """)
      // The error as PostgREST reports it: code, message, details, hint.
      let error = try database.cluster.psql(
        """
        CREATE FUNCTION pg_temp.failure() RETURNS json LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM * FROM public.get_metrics_for_range(
            p_account_id => '\(account)', p_from_date => '2024-05-31', p_to_date => '2024-05-01');
          RETURN NULL;
        EXCEPTION WHEN others THEN
          RETURN json_build_object('code', SQLSTATE, 'message', SQLERRM, 'details', NULL, 'hint', NULL);
        END $$;
        SELECT pg_temp.failure();
        """)
      let args =
        #"{"p_account_id": "\#(account)", "p_from_date": "2024-05-01", "p_to_date": "2024-05-31"}"#
      let folder = try Self.folder(with: [
        "lib/queries/metrics.ts": try MetricsSchema.ReadAPI.typeScriptFile.render(),
        "call.json": #"{"args": \#(args), "rows": \#(rows), "error": \#(error)}"#,
      ])
      let compiled = try tools.compile("lib/queries/metrics.ts", in: folder)
      guard compiled.status == 0 else {
        throw TypeScriptToolchain.Failure(
          description: "tsc could not compile metrics.ts:\n\(compiled.output)\(compiled.error)")
      }
      let script = fixtures.appendingPathComponent("check-rows.cjs").path
      let run = try tools.node(script, [tools.compilerAPI, folder.path], in: folder)
      guard run.status == 0 else {
        throw TypeScriptToolchain.Failure(
          description: "check-rows.cjs failed:\n\(run.output)\(run.error)")
      }
      return try JSONDecoder().decode(RowReport.self, from: Data(run.output.utf8))
    }

    /// Every field of every row PostgreSQL returns has a runtime type its declaration allows,
    /// nullable and not; the client is called with the function's name and the arguments as
    /// given; and a failed call throws `RpcError` with PostgreSQL's SQLSTATE.
    @Test func theRowsPostgreSQLReturnsHaveTheDeclaredTypes() throws {
      let report = try Self.rowReport(MetricsDatabase.get())
      // L1 on two days, L2 on one, and the account-wide row of the order.
      #expect(report.rows == 4)
      #expect(report.mismatches == [], "\(report.mismatches.joined(separator: "\n"))")
      #expect(report.seen["location_id"]?.sorted() == ["null", "string"])
      #expect(report.seen["total_calls"] == ["number"])
      #expect(report.seen["total_revenue"] == ["number"])
      #expect(report.seen["date"] == ["string"])
      #expect(
        report.calls == [
          RowReport.Call(
            fn: "get_metrics_for_range",
            args: [
              "p_account_id": Self.account, "p_from_date": "2024-05-01",
              "p_to_date": "2024-05-31",
            ])
        ])
      #expect(
        report.thrown
          == RowReport.Thrown(
            isRpcError: true, name: "RpcError", code: "22023",
            message: "get_metrics_for_range: p_from_date must not be after p_to_date"))
    }

    /// The row type has every column of the view as PostgreSQL's catalog lists it, in order,
    /// with the TypeScript type of its SQL type: a column missing from the TypeScript fails.
    @Test func everyColumnOfTheViewIsInTheTypeScript() throws {
      let database = try MetricsDatabase.get()
      let catalog = try database.cluster.psql(
        """
        SELECT attname || '|' || format_type(atttypid, atttypmod) FROM pg_attribute
        WHERE attrelid = 'public.mv_metrics_daily'::regclass AND attnum > 0 AND NOT attisdropped
        ORDER BY attnum;
        """
      ).split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
      let declared = try Self.rowReport(database).declared
      #expect(declared.map(\.name) == catalog.map { $0[0] })
      for column in catalog {
        let field = declared.first { $0.name == column[0] }
        #expect(
          field?.type.replacingOccurrences(of: " | null", with: "")
            == TypeScriptJSONType.of(column[1]), "\(column[0]) \(column[1])")
      }
    }

    /// A metric column added to the view's declaration appears in the TypeScript with no other
    /// edit: the next version's view gives the same file with `failed_calls` added.
    @Test func aNewMetricColumnNeedsNoEditOfTheTypeScript() throws {
      let current = try MetricsSchema.ReadAPI.typeScriptFile.render().split(separator: "\n")
      let next = try MetricsSchema.ReadAPI.typeScript(for: MetricsDailyWithFailedCalls.self)
        .render()
        .replacingOccurrences(of: "MetricsDailyWithFailedCallsRow", with: "MetricsDailyRow")
      var lines = next.split(separator: "\n")
      let index = try #require(lines.firstIndex(of: "  failed_calls: number"))
      #expect(lines[index - 1] == "  /** bigint */")
      #expect(lines[index - 2] == "  \(MetricsDailyCounts.columns.last!.name): number")
      lines.removeSubrange((index - 1)...index)
      #expect(lines == current)
    }

    static func fixture(_ name: String) throws -> String {
      try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }
  }
}
