/// Rules on INSERT: the rows set the columns of the table, of its types, every row the same
/// ones, and every NOT NULL column without a default.
enum InsertRules {
  enum Finding: SQLFinding, Hashable {
    /// The query's output has a column the table lacks.
    case columnNotInTable(column: String, query: String, table: QualifiedName)
    /// The query's column and the table's have different types.
    case columnTypeDiffers(
      column: String, query: String, queryType: String, table: QualifiedName, tableType: String)
    /// `VALUES` sets nothing.
    case setsNoColumn
    /// A row of `VALUES` sets other columns than the first.
    case rowSetsOtherColumns(row: Int, columns: [String], first: [String])
    /// A NOT NULL column without a default is left out.
    case requiredColumnNotSet(String)
    /// `ON CONFLICT DO UPDATE` with no assignment.
    case conflictUpdateSetsNoColumn

    var message: String {
      switch self {
      case .columnNotInTable(let column, let query, let table):
        return "\(query) has column \"\(column)\", which \(table) lacks"
      case .columnTypeDiffers(let column, let query, let queryType, let table, let tableType):
        return "column \"\(column)\" is \(queryType) in \(query) but \(tableType) in \(table)"
      case .setsNoColumn:
        return "INSERT sets no column"
      case .rowSetsOtherColumns(let row, let columns, let first):
        return
          "row \(row) sets (\(columns.joined(separator: ", "))), the first row (\(first.joined(separator: ", ")))"
      case .requiredColumnNotSet(let column):
        return "column \"\(column)\" is NOT NULL and has no default, but the INSERT does not set it"
      case .conflictUpdateSetsNoColumn:
        return "ON CONFLICT DO UPDATE sets no column"
      }
    }
  }

  /// `INSERT … SELECT`: the query's columns are the table's, of the same types.
  static func check(
    query: QualifiedName, columns: [OutputColumn], into table: QualifiedName,
    declared: [any AnyColumn]
  ) -> [Finding] {
    columns.compactMap { column in
      guard let target = declared.first(where: { $0.name == column.name }) else {
        return .columnNotInTable(column: column.name, query: query.name, table: table)
      }
      guard target.typeInfo.name == column.typeInfo.name else {
        return .columnTypeDiffers(
          column: column.name, query: query.name, queryType: column.typeInfo.name, table: table,
          tableType: target.typeInfo.name)
      }
      return nil
    }
  }

  /// `INSERT … VALUES`: every row sets the first row's columns, and it sets some.
  static func check(rows: [[String]]) -> [Finding] {
    let first = rows.first ?? []
    var findings: [Finding] = first.isEmpty ? [.setsNoColumn] : []
    for (index, row) in rows.enumerated() where row != first {
      findings.append(.rowSetsOtherColumns(row: index + 1, columns: row, first: first))
    }
    return findings
  }

  /// Every NOT NULL column without a default is set.
  static func check(setting columns: [String], of declared: [any AnyColumn]) -> [Finding] {
    declared.compactMap { column in
      guard let column = column as? any ColumnDefinition, !columns.contains(column.name),
        !column.typeInfo.isNullable, column.defaultValue == nil
      else { return nil }
      return .requiredColumnNotSet(column.name)
    }
  }
}
