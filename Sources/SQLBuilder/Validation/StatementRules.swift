/// What builders and statements record about themselves, and the rules on single statements
/// that need no other: each a value naming what it is about; ``message`` is the only sentence.
package enum StatementRules {
  package enum Finding: SQLFinding, Hashable {
    // Builders
    case columnSetTwice(String)
    case outputColumnSetTwice(String)
    case outputColumnNotSet(String)
    case passedThroughOfOtherType(column: String, type: String, source: String, sourceType: String)
    case passedThroughMayBeNull(column: String, source: String)
    case fromFollowedByFrom(first: String, second: String)
    case joinBeforeFrom(kind: String, source: String)
    case secondFromItem(String)
    // Statements
    case indexWithoutColumn
    case descendingNotKey(String)
    case lockNamesNoTable
    case truncateNamesNoTable
    case updateSetsNoColumn
    case exceptionCatchesNothing
    case exceptionWithoutStatements
    case raisePlaceholders(placeholders: Int, values: Int, message: String)
    case invalidSQLState(String)
    case modifyingColumnNotInTable(cte: String, column: String, table: QualifiedName)
    case modifyingColumnType(
      column: String, cteType: String, cte: String, tableType: String, table: QualifiedName)
    case modifyingColumnMayBeNull(column: String, cte: String, table: QualifiedName)
    case invalidCronSchedule(schedule: String, problem: String)
    case emptyIdentifier
    case identifierTooLong(name: String, bytes: Int)
    case privilegeNotApplicable(privilege: String, kind: String)
    case noPrivilege
    case noRole
    case notATypeName(String)

    package var message: String {
      switch self {
      case .columnSetTwice(let name): return "column \"\(name)\" is set more than once"
      case .outputColumnSetTwice(let name): return "output column \"\(name)\" is set more than once"
      case .outputColumnNotSet(let name): return "output column \"\(name)\" is not set"
      case .passedThroughOfOtherType(let column, let type, let source, let sourceType):
        return "output column \"\(column)\" is \(type), but \(source) is \(sourceType)"
      case .passedThroughMayBeNull(let column, let source):
        return "output column \"\(column)\" is NOT NULL, but \(source) may be NULL"
      case .fromFollowedByFrom(let first, let second):
        return "FROM \(first) is followed by FROM \(second); use a join"
      case .joinBeforeFrom(let kind, let source): return "\(kind) \(source) comes before any FROM"
      case .secondFromItem(let alias): return "a second FROM item (\(alias)); use a join"
      case .indexWithoutColumn: return "an index needs at least one column"
      case .descendingNotKey(let column): return "\(column) is marked DESC but is not a key column"
      case .lockNamesNoTable: return "LOCK TABLE names no table"
      case .truncateNamesNoTable: return "TRUNCATE names no table"
      case .updateSetsNoColumn: return "UPDATE sets no column"
      case .exceptionCatchesNothing: return "an exception block catches no condition"
      case .exceptionWithoutStatements: return "an exception block has no statements to run"
      case .raisePlaceholders(let placeholders, let values, let message):
        return "RAISE message has \(placeholders) % placeholders but \(values) values: \(message)"
      case .invalidSQLState(let code):
        return "SQLSTATE '\(code)' is not five digits or capital letters"
      case .modifyingColumnNotInTable(let cte, let column, let table):
        return "CTE \(cte) returns \"\(column)\", which \(table) lacks"
      case .modifyingColumnType(let column, let cteType, let cte, let tableType, let table):
        return "column \"\(column)\" is \(cteType) in CTE \(cte) but \(tableType) in \(table)"
      case .modifyingColumnMayBeNull(let column, let cte, let table):
        return "column \"\(column)\" is NOT NULL in CTE \(cte) but may be NULL in \(table)"
      case .invalidCronSchedule(let schedule, let problem):
        return "invalid cron schedule '\(schedule)': \(problem)"
      case .emptyIdentifier: return "an identifier is empty; PostgreSQL has no empty names"
      case .identifierTooLong(let name, let bytes):
        return
          "identifier \"\(name)\" is \(bytes) bytes; PostgreSQL truncates identifiers to \(PostgreSQL.maxIdentifierBytes) bytes"
      case .privilegeNotApplicable(let privilege, let kind):
        return "privilege \(privilege) does not apply to \(kind)"
      case .noPrivilege: return "GRANT or REVOKE names no privilege"
      case .noRole: return "GRANT or REVOKE names no role"
      case .notATypeName(let name): return "\"\(name)\" is not a type name PostgreSQL reads as one"
      }
    }
  }
}
