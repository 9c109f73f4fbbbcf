import MetricsSchema

/// The command line of `GenSQL`, parsed.
public struct GenSQLOptions: Equatable, Sendable {
  /// Compare instead of writing.
  public var check = false
  /// The folder the files go to.
  public var outputDirectory = "supabase/generated"
  /// The folder of migrations; by default `migrations` beside the output folder.
  public var migrationsDirectory: String?
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

  /// The usage text `--help` prints.
  public static let usage = """
    USAGE: GenSQL [--check] [--output <dir>] [--migrations <dir>] [--name <name>]
                  [--strategy refresh|incremental] [--record <file>]

    Writes the SQL generated from Sources/MetricsSchema: the full desired state, schema.sql,
    refresh_metrics.sql, read_api.sql and the team's own team.sql, and, when the definitions
    changed since the last generated migration, a new migration <UTC YYYYMMDDHHMMSS>_<name>.sql
    with only the changes. The state the migrations produce is kept in <migrations>-state.json.

    OPTIONS:
      --check              Write nothing; exit 1 when a file is stale, a migration is due, a
                           generated migration was edited or deleted or is not in the state, or
                           two migrations share a timestamp.
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
      -h, --help           Show this help.

    EXIT CODES:
      0 done or current; 1 stale (--check); 2 usage error; 3 invalid schema, conflicting or
      edited migrations, a file --record cannot record, or I/O error.
    """

  /// A command-line mistake, reported with the usage and exit code 2.
  public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in one line.
    public let description: String
  }

  /// Parses `arguments` (without the program name).
  public init(arguments: [String]) throws(UsageError) {
    var remaining = arguments[...]
    var outputGiven = false
    /// The value after `option`; an empty one names no folder, so it is a mistake too.
    func value(for option: String) throws(UsageError) -> String {
      guard let value = remaining.popFirst(), !value.hasPrefix("-") || value == "-" else {
        throw UsageError(description: "missing value for '\(option)'")
      }
      guard !value.isEmpty else { throw UsageError(description: "empty value for '\(option)'") }
      return value
    }
    while let argument = remaining.popFirst() {
      switch argument {
      case "--check": check = true
      case "-h", "--help": help = true
      case "--output", "-o":
        outputDirectory = try value(for: argument)
        outputGiven = true
      case "--strategy":
        let value = try value(for: argument)
        guard let chosen = MetricsStrategy(rawValue: value) else {
          throw UsageError(
            description: "unknown strategy '\(value)': use refresh or incremental")
        }
        strategy = chosen
      case "--migrations": migrationsDirectory = try value(for: argument)
      case "--record": record = try value(for: argument)
      case "--name":
        let value = try value(for: argument)
        guard !value.isEmpty, value.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }),
          value.allSatisfy(\.isASCII)
        else {
          throw UsageError(
            description: "invalid migration name '\(value)': use lowercase letters, digits and _")
        }
        migrationName = value
      default:
        if argument.hasPrefix("--output=") {
          let value = String(argument.dropFirst("--output=".count))
          guard !value.isEmpty else {
            throw UsageError(description: "empty value for '--output'")
          }
          outputDirectory = value
          outputGiven = true
        } else if argument.hasPrefix("--record=") {
          let value = String(argument.dropFirst("--record=".count))
          guard !value.isEmpty else {
            throw UsageError(description: "empty value for '--record'")
          }
          record = value
        } else if argument.hasPrefix("-") {
          throw UsageError(description: "unknown option '\(argument)'")
        } else {
          throw UsageError(description: "unexpected argument '\(argument)'")
        }
      }
    }
    if record != nil && check {
      throw UsageError(description: "--record writes the state; it cannot be combined with --check")
    }
    if record != nil && migrationName != nil {
      throw UsageError(
        description: "--name names a generated migration; --record keeps the file's own name")
    }
    if strategy != nil && !outputGiven {
      throw UsageError(
        description:
          "--strategy needs --output: the committed files follow the strategy the definitions choose"
      )
    }
  }

  /// The defaults.
  public init() {}
}
