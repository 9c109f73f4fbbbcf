/// A set-returning function as the dashboard calls it over PostgREST, declared from the same
/// ``Function`` and ``Relation`` its `CREATE FUNCTION` uses, for a ``TypeScriptFile``.
///
/// ```swift
/// TypeScriptFunction(ReadAPI.function, returnsSetOf: MetricsDaily.self, summary: "…")
/// // export type MetricsDailyRow = { account_id: string; location_id: string | null; … }
/// // export type GetMetricsForRangeArgs = { p_account_id: string; …; p_location_id?: string | null }
/// // export async function getMetricsForRange(client: RpcClient, args: GetMetricsForRangeArgs):
/// //   Promise<MetricsDailyRow[]>
/// ```
///
/// Every column of the relation is a field of the row type, typed as PostgREST sends it
/// (``TypeScriptJSONType``), `| null` when the column is nullable. A parameter is optional
/// when it has a default, and takes `null` only when its default is NULL: the declaration then
/// says what NULL means, where elsewhere a NULL argument is an error or an accident.
public struct TypeScriptFunction: Sendable {
  /// The function's schema-qualified name.
  let name: QualifiedName
  /// What it returns, in one sentence, for its doc comment.
  let summary: String
  /// Its parameters, in declaration order.
  let parameters: [TypeScriptMember]
  /// The relation whose rows it returns.
  let relation: QualifiedName
  /// The TypeScript name of a row: the Swift relation's name and `Row`.
  let rowTypeName: String
  /// The relation's columns, in declaration order.
  let columns: [TypeScriptMember]

  /// `function`, returning rows of `R`.
  public init<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, returnsSetOf _: R.Type, summary: String
  ) {
    name = function.name
    self.summary = summary
    parameters = P.declared.map(TypeScriptMember.init(parameter:))
    relation = R.qualifiedName
    rowTypeName = "\(R.self)Row"
    columns = R.columns.map(TypeScriptMember.init(column:))
  }

  /// `getMetricsForRange` for `get_metrics_for_range`.
  var wrapperName: String {
    let words = name.name.split(separator: "_")
    guard let first = words.first else { return "" }
    return first.lowercased() + words.dropFirst().map(Self.capitalized).joined()
  }

  /// `GetMetricsForRangeArgs`.
  var argumentsTypeName: String {
    name.name.split(separator: "_").map(Self.capitalized).joined() + "Args"
  }

  /// `word` with its first letter upper case and the rest as it is.
  static func capitalized(_ word: Substring) -> String {
    word.prefix(1).uppercased() + word.dropFirst()
  }
}

/// A field of a row type or an argument type: a column or a parameter.
struct TypeScriptMember: Sendable {
  /// The name PostgREST uses: the column's or the parameter's.
  let name: String
  /// The PostgreSQL type, as declared.
  let sqlType: String
  /// Whether the value may be null.
  let isNullable: Bool
  /// Whether a caller may leave it out.
  let isOptional: Bool

  init(column: any AnyColumn) {
    name = column.name
    sqlType = column.typeInfo.name
    isNullable = column.typeInfo.isNullable
    isOptional = false
  }

  init(parameter: any AnyParameter) {
    name = parameter.name
    sqlType = parameter.typeName
    let value = (parameter as? any ParameterDefault)?.defaultValue
    isOptional = value != nil
    if case .cast(.literal(.null), _) = value {
      isNullable = true
    } else {
      isNullable = false
    }
  }

  /// The TypeScript type, or nil when ``TypeScriptJSONType`` knows none for the SQL type.
  var typeScriptType: String? {
    TypeScriptJSONType.of(sqlType).map { isNullable ? "\($0) | null" : $0 }
  }
}
