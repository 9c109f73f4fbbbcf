import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder
import Testing

/// A throwaway cluster the database tests share (pg_cron runs in a single database), one per
/// strategy: Supabase's roles and default privileges, the source relations, and the strategy's
/// generated files applied twice (after the committed migrations, for the strategy they hold),
/// with the catalog read after each pass.
final class MetricsDatabase: Sendable {
  let cluster: PostgresCluster
  /// The source schema it was built on.
  let source: SourceFixture
  /// The catalog objects after the migrations, and after the first and the second apply of the
  /// generated files on top of them.
  let catalogAfterMigrations: String
  let catalogAfterFirstApply: String
  let catalogAfterSecondApply: String

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The shared databases, one per strategy and source schema, each started on first use and
  /// stopped when the test process exits.
  private static let started = Started()

  private final class Started: @unchecked Sendable {
    let lock = NSLock()
    var databases: [String: Result<MetricsDatabase, any Error>] = [:]

    init() {
      atexit {
        for case .success(let database) in MetricsDatabase.started.databases.values {
          database.cluster.stop()
        }
      }
    }

    func get(_ strategy: MetricsStrategy, _ source: SourceFixture) throws -> MetricsDatabase {
      lock.lock()
      defer { lock.unlock() }
      let key = "\(strategy) \(source.name)"
      if let result = databases[key] { return try result.get() }
      let result = Result { try MetricsDatabase(strategy, source) }
      databases[key] = result
      return try result.get()
    }
  }

  /// The shared database of the story's schema with the chosen strategy, or the reason it
  /// could not start (naming what to install).
  static func get() throws -> MetricsDatabase { try get(.refresh) }

  /// The incremental strategy's database, or the reason it could not start.
  static func incremental(_ source: SourceFixture = .story) throws -> MetricsDatabase {
    try get(.incremental, source)
  }

  /// The database whose metrics `strategy` keeps over `source`.
  static func get(_ strategy: MetricsStrategy, _ source: SourceFixture = .story) throws
    -> MetricsDatabase
  {
    try started.get(strategy, source)
  }

  /// The strategy's scripts in the order they are applied; the team's `team.sql` only when
  /// `team`, since it creates the team's tables once and cannot be applied again.
  static func scripts(
    _ strategy: MetricsStrategy, _ source: SourceFixture = .story, team: Bool = false
  ) -> [SQLScript] {
    source.scripts(strategy).filter { team || $0.path != TeamSchema.script.path }
  }

  /// The strategy's generated files in the order they are applied: the committed ones for the
  /// strategy the definitions choose over the story's schema, rendered from the definitions
  /// otherwise.
  static func files(
    _ strategy: MetricsStrategy, _ source: SourceFixture = .story, team: Bool = false
  ) throws -> [String] {
    let scripts = scripts(strategy, source, team: team)
    if strategy == MetricsStrategy.chosen && source == .story {
      return try scripts.map { try file("supabase/generated/\($0.path)") }
    }
    let rendered = try generate(source.scripts(strategy))
    return scripts.compactMap { script in rendered.first { $0.path == script.path }?.text }
  }

  private init(_ strategy: MetricsStrategy, _ source: SourceFixture) throws {
    self.source = source
    cluster = try Self.emulatedCluster(source)
    let committed = strategy == MetricsStrategy.chosen && source == .story
    if committed {
      try Self.applyMigrations(cluster)
      catalogAfterMigrations = try cluster.psql(Self.catalogQuery)
    } else {
      catalogAfterMigrations = ""
    }
    try Self.applyGeneratedFiles(cluster, strategy, source, team: !committed)
    catalogAfterFirstApply = try cluster.psql(Self.catalogQuery)
    try Self.applyGeneratedFiles(cluster, strategy, source)
    catalogAfterSecondApply = try cluster.psql(Self.catalogQuery)
    try Self.installTestHelpers(cluster, source)
  }

  /// The views in `test_facts` the tests write facts through; first on the search_path when
  /// the source schema's tests write through them.
  static func installTestHelpers(_ cluster: PostgresCluster, _ source: SourceFixture) throws {
    try cluster.psql(try generate([source.testHelpers])[0].text)
    if source.writesThroughHelpers {
      try cluster.psql(
        "ALTER DATABASE \(PostgresCluster.databaseName) SET search_path = test_facts, \"$user\", public;"
      )
    }
  }

  static func file(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// Every migration in `supabase/migrations`, in order, each in its own transaction, as
  /// `supabase db reset` applies them.
  static func applyMigrations(_ cluster: PostgresCluster) throws {
    let folder = root.appendingPathComponent("supabase/migrations")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".sql") }.sorted()
    for name in names {
      try cluster.psql(try file("supabase/migrations/\(name)"), options: ["--single-transaction"])
    }
  }

  /// The strategy's generated files, each in its own transaction; `team.sql` too when `team`.
  static func applyGeneratedFiles(
    _ cluster: PostgresCluster, _ strategy: MetricsStrategy, _ source: SourceFixture = .story,
    team: Bool = false
  ) throws {
    for file in try files(strategy, source, team: team) {
      try cluster.psql(file, options: ["--single-transaction"])
    }
  }

  /// A cluster of its own with Supabase's roles and the source relations, and every generated
  /// file applied once: the database `supabase/generated` describes.
  static func freshFromGeneratedFiles() throws -> PostgresCluster {
    let cluster = try emulatedCluster()
    try applyGeneratedFiles(cluster, MetricsStrategy.chosen, team: true)
    return cluster
  }

  /// A cluster of its own with what a Supabase project has before these files: its roles and
  /// default privileges, `auth.uid()`, the source relations.
  static func emulatedCluster(_ source: SourceFixture = .story) throws -> PostgresCluster {
    let cluster = try PostgresCluster()
    for name in ["supabase/emulation/supabase.sql", "supabase/emulation/auth.sql"] {
      try cluster.psql(try file(name))
    }
    for name in source.relationsFiles { try cluster.psql(try file(name)) }
    return cluster
  }

  /// Empties every source relation, and the team's tables that reference them, and refreshes
  /// the view, so each test starts clean.
  func reset() throws {
    let facts = source.baseTables.map(\.rendered).joined(separator: ", ")
    try cluster.psql(
      """
      TRUNCATE public.accounts, public.locations, \(facts), public.account_settings,
        public.location_settings, public.user_location_access CASCADE;
      SELECT public.refresh_metrics_daily();
      """)
  }

  /// Every object the generated files create, with definitions, privileges and comments.
  static let catalogQuery = """
    SELECT line FROM (
      SELECT format('relation %s kind=%s acl=%s comment=%s def=%s', c.relname, c.relkind,
                    c.relacl::text, obj_description(c.oid, 'pg_class'),
                    CASE WHEN c.relkind IN ('m', 'v') THEN pg_get_viewdef(c.oid) END) AS line
        FROM pg_class c WHERE c.relnamespace IN ('public'::regnamespace, to_regnamespace('private'))
         AND c.relkind IN ('m', 'i', 'v') OR c.relnamespace = to_regnamespace('private') AND c.relkind = 'r'
      UNION ALL
      SELECT format('index %s', pg_get_indexdef(i.indexrelid))
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'm'
          OR c.relnamespace = to_regnamespace('private') AND c.relkind = 'r'
      UNION ALL
      SELECT format('function %s acl=%s comment=%s def=%s', p.proname, p.proacl::text,
                    obj_description(p.oid, 'pg_proc'), pg_get_functiondef(p.oid))
        FROM pg_proc p WHERE p.pronamespace IN ('public'::regnamespace, to_regnamespace('private'))
      UNION ALL
      SELECT format('trigger %s on %s enabled=%s', t.tgname, t.tgrelid::regclass, t.tgenabled)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND c.relnamespace IS DISTINCT FROM to_regnamespace('test_facts')
      UNION ALL
      SELECT format('job %s %s %s %s %s', jobname, schedule, command, database, active) FROM cron.job
      UNION ALL
      SELECT format('extension %s in %s', extname, extnamespace::regnamespace) FROM pg_extension
      UNION ALL
      SELECT format('column %s.%s #%s %s notnull=%s default=%s comment=%s', c.oid::regclass,
                    a.attname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                    format_type(a.atttypid, a.atttypmod), a.attnotnull,
                    pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum))
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
         AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'cron')
         AND n.nspname NOT LIKE 'pg\\_%'
      UNION ALL
      SELECT format('table %s rls=%s forced=%s acl=%s comment=%s', c.oid::regclass,
                    c.relrowsecurity, c.relforcerowsecurity,
                    coalesce(c.relacl, acldefault('r', c.relowner)),
                    obj_description(c.oid, 'pg_class'))
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'cron')
         AND n.nspname NOT LIKE 'pg\\_%'
      UNION ALL
      SELECT format('constraint %s on %s: %s', co.conname, co.conrelid::regclass,
                    pg_get_constraintdef(co.oid))
        FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
       WHERE co.conrelid <> 0
         AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'cron')
         AND n.nspname NOT LIKE 'pg\\_%'
      UNION ALL
      SELECT format('table index %s', pg_get_indexdef(i.indexrelid))
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r'
         AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'cron')
         AND n.nspname NOT LIKE 'pg\\_%'
      UNION ALL
      SELECT format('policy %s on %s.%s: %s %s %s %s %s', policyname, schemaname, tablename,
                    permissive, cmd, roles, qual, with_check)
        FROM pg_policies
    ) objects ORDER BY line;
    """
}

/// The lines of catalog `b` that `a` lacks (`+`) and has beyond it (`-`): what a failed
/// comparison of two catalogs shows instead of both whole.
func catalogDifference(_ a: String, _ b: String) -> String {
  let (left, right) = (Set(a.split(separator: "\n")), Set(b.split(separator: "\n")))
  let removed = a.split(separator: "\n").filter { !right.contains($0) }.map { "- \($0)" }
  let added = b.split(separator: "\n").filter { !left.contains($0) }.map { "+ \($0)" }
  return (removed + added).joined(separator: "\n")
}

/// The `tag|count` lines of psql output (`SELECT 'rows|' || count(*) …`), by tag.
func countsByTag(_ output: String) -> [String: Int] {
  var counts: [String: Int] = [:]
  for line in output.split(separator: "\n") {
    let parts = line.split(separator: "|")
    if parts.count == 2, let value = Int(parts[1]) { counts[String(parts[0])] = value }
  }
  return counts
}

extension MetricsDatabase {
  /// Waits until `query` (a boolean) is true, for at most ten seconds.
  func waitUntil(_ query: String) throws {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if try cluster.psql(query).trimmingCharacters(in: .whitespacesAndNewlines) == "t" { return }
      usleep(20_000)
    }
    Issue.record("timed out waiting for: \(query)")
  }
}
