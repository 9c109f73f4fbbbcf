/// The command line of `GenSQL`, parsed.
public struct GenSQLOptions: Equatable, Sendable {
  /// Compare instead of writing.
  public var check = false
  /// The folder the files go to.
  public var outputDirectory = "supabase/generated"
  /// Print usage and stop.
  public var help = false

  /// The usage text `--help` prints.
  public static let usage = """
    USAGE: GenSQL [--check] [--output <dir>]

    Writes the SQL generated from Sources/MetricsSchema: schema.sql and refresh_metrics.sql.

    OPTIONS:
      --check           Write nothing; exit 1 with a diff when a file is missing or stale.
      --output <dir>    The folder to write to or check (default: supabase/generated).
      -h, --help        Show this help.

    EXIT CODES:
      0 done or current; 1 stale files (--check); 2 usage error; 3 invalid schema or I/O error.
    """

  /// A command-line mistake, reported with the usage and exit code 2.
  public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in one line.
    public let description: String
  }

  /// Parses `arguments` (without the program name).
  public init(arguments: [String]) throws(UsageError) {
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      switch argument {
      case "--check": check = true
      case "-h", "--help": help = true
      case "--output", "-o":
        guard let value = remaining.popFirst(), !value.hasPrefix("-") || value == "-" else {
          throw UsageError(description: "missing value for '\(argument)'")
        }
        outputDirectory = value
      default:
        if argument.hasPrefix("--output=") {
          let value = String(argument.dropFirst("--output=".count))
          guard !value.isEmpty else {
            throw UsageError(description: "missing value for '--output'")
          }
          outputDirectory = value
        } else if argument.hasPrefix("-") {
          throw UsageError(description: "unknown option '\(argument)'")
        } else {
          throw UsageError(description: "unexpected argument '\(argument)'")
        }
      }
    }
  }

  /// The defaults.
  public init() {}
}
