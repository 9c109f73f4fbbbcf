// expect: '!=' is unavailable: x <> NULL is NULL whatever x is; write x.isNotNull
// Spelled out, NULL still cannot be compared; use isNull or isDistinct(from:).
import SQLBuilder

let query = shops { s, q, out in
  q.where(s.manager != SQLNull.null)
}
