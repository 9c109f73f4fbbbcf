import Foundation
import MetricsSchema

/// The command line of `GenSQL`, parsed.
public struct GenSQLOptions: Equatable, Sendable {
  /// Compare instead of writing.
  public var check = false
  /// The folder the files go to.
  public var outputDirectory = "supabase/generated"
  /// The folder of migrations; by default `migrations` beside the output folder.
  public var migrationsDirectory: String?
  /// Where the dashboard's TypeScript goes; nil writes none, as `--output` without
  /// `--typescript` does.
  public var typeScriptPath: String? = GenSQLOptions.defaultTypeScriptPath
  /// Where the pgTAP files' test helpers go; nil writes none, as `--output` without
  /// `--test-helpers` does.
  public var testHelpersPath: String? = GenSQLOptions.defaultTestHelpersPath
  /// Where the emulation of the source tables goes; nil writes none, as `--output` without
  /// `--emulation` does.
  public var emulationPath: String? = GenSQLOptions.defaultEmulationPath
  /// The name of a new migration, after its timestamp.
  public var migrationName: String?
  /// The strategy to generate instead of the one the definitions choose; needs an output
  /// folder of its own.
  public var strategy: MetricsStrategy?
  /// A hand-written migration to record in the state instead of generating one: a file name
  /// or a path inside the migrations folder.
  public var record: String?
  /// Print usage and stop.
  public var help = false
  /// Print the version and stop.
  public var version = false

  /// This GenSQL's version, as `--version` prints it.
  public static let currentVersion = "0.9.0"

  /// The usage text `--help` prints.
  public static let usage = """
    USAGE: GenSQL [--check] [--output <dir>] [--migrations <dir>] [--name <name>]
                  [--strategy refresh|incremental] [--record <file>] [--typescript <file>]
                  [--test-helpers <file>] [--emulation <file>]

    Writes the SQL generated from Sources/MetricsSchema: the full desired state, schema.sql,
    refresh_metrics.sql, read_api.sql and the team's own team.sql, and, when the definitions
    changed since the last generated migration, a new migration <UTC YYYYMMDDHHMMSS>_<name>.sql
    with only the changes. The state the migrations produce is kept in <migrations>-state.json.
    It writes the dashboard's TypeScript, lib/queries/metrics.ts, from the same definitions,
    the pgTAP files' helpers over the declared source tables, supabase/tests/00_test_facts.sql,
    and those tables and the fact views for a database that has none,
    supabase/emulation/fact_sources.sql.

    OPTIONS:
      --check              Write nothing; exit 1 when a file is stale, a migration is due, a
                           generated migration was edited or deleted or is not in the state, or
                           two migrations share a timestamp. Every run, checking or writing,
                           also generates the strategy not chosen and fails when it is invalid.
      --output <dir>       The folder of the desired state (default: supabase/generated).
      --migrations <dir>   The migrations folder (default: migrations beside the output folder).
      --name <name>        The new migration's name: lowercase letters, digits and _
                           (default: metrics_schema for the first, metrics_update after).
      --strategy <name>    Generate this strategy instead of the one the definitions choose
                           (refresh or incremental); needs --output, so the committed files
                           keep following the definitions.
      --record <file>      Record a hand-written migration in the migrations folder as making
                           the table changes GenSQL refuses, and write the rest after it; it must
                           sort after every recorded migration.
      --typescript <file>  Where the dashboard's TypeScript goes (default: lib/queries/metrics.ts;
                           with --output, nowhere unless given).
      --test-helpers <file>
                           Where the pgTAP files' helpers go (default:
                           supabase/tests/00_test_facts.sql; with --output, nowhere unless given).
      --emulation <file>   Where the declared base tables and fact views go, for a database that
                           has none (default: supabase/emulation/fact_sources.sql; with --output,
                           nowhere unless given).
      --version            Show the version.
      -h, --help           Show this help.

    EXIT CODES:
      0 done or current; 1 stale (--check); 2 usage error; 3 invalid schema, conflicting or
      edited migrations, a file --record cannot record, or I/O error.
    """

  /// The options that take no value, and those that take one.
  static let flags: Set<String> = ["--check", "--help", "--version"]
  static let valueOptions: Set<String> = [
    "--output", "--migrations", "--name", "--strategy", "--record", "--typescript",
    "--test-helpers", "--emulation",
  ]
  /// Where the dashboard's TypeScript goes without `--output` or `--typescript`.
  public static let defaultTypeScriptPath = "lib/queries/metrics.ts"
  /// Where the emulation of the source tables goes without `--output` or `--emulation`.
  public static let defaultEmulationPath = "supabase/emulation/fact_sources.sql"
  /// The committed migrations folder, beside the default output folder.
  static let committedMigrations = "supabase/migrations"
  /// Where the pgTAP files' helpers go without `--output` or `--test-helpers`.
  public static let defaultTestHelpersPath = "supabase/tests/00_test_facts.sql"
  /// Short spellings.
  static let aliases = ["-o": "--output", "-h": "--help"]

  /// A command-line mistake, reported in one line with exit code 2.
  public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in one line.
    public let description: String
  }

  /// Parses `arguments` (without the program name): `--option value` or `--option=value`,
  /// each option once.
  public init(arguments: [String]) throws(UsageError) {
    var remaining = arguments[...]
    var outputGiven = false
    var seen = Set<String>()
    while let argument = remaining.popFirst() {
      guard argument.hasPrefix("-"), argument != "-" else {
        throw UsageError(description: "unexpected argument '\(argument)'")
      }
      // `--option=value`: the value given with the option.
      var option = argument
      var attached: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        option = String(argument[..<equals])
        attached = String(argument[argument.index(after: equals)...])
      }
      option = Self.aliases[option] ?? option
      guard Self.flags.contains(option) || Self.valueOptions.contains(option) else {
        throw UsageError(description: "unknown option '\(option)'")
      }
      guard seen.insert(option).inserted else {
        throw UsageError(description: "'\(option)' is given twice")
      }
      if Self.flags.contains(option) {
        guard attached == nil else { throw UsageError(description: "'\(option)' takes no value") }
        switch option {
        case "--check": check = true
        case "--version": version = true
        default: help = true
        }
        continue
      }
      // The value after the option; an empty one names nothing, so it is a mistake too.
      let value: String
      if let attached {
        value = attached
      } else {
        guard let next = remaining.popFirst(), !next.hasPrefix("-") || next == "-" else {
          throw UsageError(description: "missing value for '\(option)'")
        }
        value = next
      }
      guard !value.isEmpty else { throw UsageError(description: "empty value for '\(option)'") }
      switch option {
      case "--output":
        outputDirectory = value
        outputGiven = true
      case "--strategy":
        guard let chosen = MetricsStrategy(rawValue: value) else {
          throw UsageError(
            description: "unknown strategy '\(value)': use refresh or incremental")
        }
        strategy = chosen
      case "--migrations": migrationsDirectory = value
      case "--typescript": typeScriptPath = value
      case "--test-helpers": testHelpersPath = value
      case "--emulation": emulationPath = value
      case "--record": record = value
      default:
        guard value.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }),
          value.allSatisfy(\.isASCII)
        else {
          throw UsageError(
            description: "invalid migration name '\(value)': use lowercase letters, digits and _")
        }
        // `<14 digits>_<name>.sql` must fit a file name of 255 bytes.
        guard value.utf8.count <= 236 else {
          throw UsageError(
            description:
              "migration name of \(value.utf8.count) characters: at most 236 fit a file name")
        }
        migrationName = value
      }
    }
    if record != nil && check {
      throw UsageError(description: "--record writes the state; it cannot be combined with --check")
    }
    if record != nil && migrationName != nil {
      throw UsageError(
        description: "--name names a generated migration; --record keeps the file's own name")
    }
    // Another output folder is for another state: the committed TypeScript stays as it is.
    if outputGiven && !seen.contains("--typescript") { typeScriptPath = nil }
    if outputGiven && !seen.contains("--test-helpers") { testHelpersPath = nil }
    if outputGiven && !seen.contains("--emulation") { emulationPath = nil }
    if strategy != nil && !outputGiven {
      throw UsageError(
        description:
          "--strategy needs --output: the committed files follow the strategy the definitions choose"
      )
    }
    // The strategy not chosen writes migrations of its own, never into the committed folder.
    if strategy != nil {
      let migrations =
        migrationsDirectory
        ?? URL(fileURLWithPath: outputDirectory).deletingLastPathComponent()
        .appendingPathComponent("migrations").path
      if URL(fileURLWithPath: migrations).standardized.path
        == URL(fileURLWithPath: Self.committedMigrations).standardized.path
      {
        throw UsageError(
          description:
            "--strategy would write its migration into \(Self.committedMigrations): pass --migrations <dir> outside it, or --output outside supabase/"
        )
      }
    }
  }

  /// The defaults.
  public init() {}
}
