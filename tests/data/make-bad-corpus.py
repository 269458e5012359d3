import json, os
def key(n): return "00000000-0000-4000-8000-%012d" % n
T1="1b4e28ba-2fa1-11d2-883f-0016d3cca427"
def row(n, **over):
    r={"optimization_id":key(n),"customer_id":T1,"optimization_type":"spot_migration","outcome":"success",
       "savings_percent":12.5,"confidence_score":0.5,"decision_context":"Moved batch %d to spot"%n,
       "vector":[0.1*(i+1) for i in range(8)]}
    for k,v in over.items():
        if v is DEL: r.pop(k,None)
        else: r[k]=v
    return r
class _D: pass
DEL=_D()
def j(r): return json.dumps(r)
expect=[]
def put(name, content, imported, errors, fmt=None):
    mode='wb'
    with open(name,mode) as f: f.write(content if isinstance(content,bytes) else content.encode())
    if fmt is None:
        fmt={'jsonl':'jsonl','csv':'csv','json':'json-array'}[name.rsplit('.',1)[1]]
    expect.append((name,fmt,imported,errors))
def lines(*rows): return "".join((x if isinstance(x,str) else j(x))+"\n" for x in rows)
# JSON lines
put("malformed_line.jsonl", lines(row(1), '{"optimization_id": "x",', row(2)), 2, "2:not valid JSON")
put("trailing_comma.jsonl", lines(row(1), '{"a":1,}', row(3)), 2, "2:not valid JSON")
put("nan_component.jsonl", lines(row(1), j(row(2)).replace("0.2","NaN",1), row(3)), 2, "2:NaN")
put("infinity_component.jsonl", lines(j(row(1)).replace("0.1","Infinity",1), row(2)), 1, "1:NaN and Infinity")
put("negative_infinity.jsonl", lines(row(1), j(row(2)).replace("0.1","-Infinity",1)), 1, "2:NaN and Infinity")
put("nan_payload.jsonl", lines(j(row(1)).replace("12.5","NaN"), row(2)), 1, "1:NaN")
put("huge_number.jsonl", lines(j(row(1)).replace("0.1","1e999",1), row(2)), 1, "1:number")
put("float_overflow.jsonl", lines(j(row(1)).replace("0.1","1e39",1), row(2)), 1, "1:beyond the range of a float")
put("wrong_dimension_short.jsonl", lines(row(1), row(2, vector=[1,2,3]), row(3)), 2, "2:3 dimensions")
put("wrong_dimension_long.jsonl", lines(row(1, vector=[0.5]*9), row(2)), 1, "1:9 dimensions")
put("empty_vector.jsonl", lines(row(1, vector=[]), row(2)), 1, "1:0 dimensions")
put("vector_string.jsonl", lines(row(1, vector="0.1,0.2"), row(2)), 1, "1:not an array of numbers")
put("vector_with_string.jsonl", lines(row(1, vector=[0.1]*7+["x"]), row(2)), 1, "1:component 8")
put("vector_with_null.jsonl", lines(row(1, vector=[None]*8), row(2)), 1, "1:component 1")
put("vector_nested.jsonl", lines(row(1, vector=[[0.1]*8]), row(2)), 1, "1:component 1")
put("missing_vector.jsonl", lines(row(1, vector=DEL), row(2)), 1, "1:no vector")
put("null_vector.jsonl", lines(row(1, vector=None), row(2)), 1, "1:no vector")
put("missing_id.jsonl", lines(row(1), row(2, optimization_id=DEL)), 1, "2:missing or empty")
put("empty_id.jsonl", lines(row(1, optimization_id=""), row(2)), 1, "1:missing or empty")
put("null_id.jsonl", lines(row(1, optimization_id=None), row(2)), 1, "1:missing or empty")
put("id_object.jsonl", lines(row(1, optimization_id={"a":1}), row(2)), 1, "1:string or a whole number")
put("duplicate_ids.jsonl", lines(row(1), row(2), row(1), row(3)), 3, "3:duplicate id: line 1")
put("duplicate_ids_far.jsonl", lines(*[row(n) for n in range(1,301)], row(5)), 300, "301:duplicate id: line 5")
put("duplicate_field.jsonl", lines(row(1), '{"optimization_id":"%s","optimization_id":"%s"}'%(key(2),key(3)), row(4)), 2, "2:appears twice")
put("wrong_type_enum.jsonl", lines(row(1, outcome="maybe"), row(2)), 1, "1:maybe")
put("wrong_type_float.jsonl", lines(row(1, savings_percent="lots"), row(2)), 1, "1:savings_percent")
put("confidence_out_of_range.jsonl", lines(row(1, confidence_score=1.5), row(2)), 1, "1:confidence_score")
put("uuid_invalid.jsonl", lines(row(1, customer_id="acme"), row(2)), 1, "1:UUID")
put("date_invalid.jsonl", lines(row(1, execution_date="yesterday"), row(2)), 1, "1:execution_date")
put("bool_for_text.jsonl", lines(row(1, decision_context=True), row(2)), 1, "1:decision_context")
put("top_level_array.jsonl", lines(row(1), '[1,2,3]', row(2)), 2, "2:not an object")
put("top_level_string.jsonl", lines('"just text"', row(1)), 1, "1:not an object")
put("unclosed_string.jsonl", lines(row(1), '{"optimization_id":"abc', row(2)), 2, "2:not")
put("non_utf8.jsonl", lines(row(1)).encode()+j(row(2)).replace("Moved","Mov\udcff").encode('utf-8','surrogateescape')+b"\n"+lines(row(3)).encode(), 2, "2:UTF-8")
put("latin1_text.jsonl", lines(row(1)).encode()+j(row(2)).replace("Moved","Caf\udce9").encode('utf-8','surrogateescape')+b"\n", 1, "2:UTF-8")
deep='{"optimization_id":"%s","vector":%s,"config":%s}'%(key(2), json.dumps([0.1]*8), "["*80+"]"*80)
put("deep_nesting.jsonl", lines(row(1), deep, row(3)), 2, "2:nested deeper than 64")
deep2='{"optimization_id":"%s","vector":%s,"config":%s}'%(key(2), json.dumps([0.1]*8), "["*2000+"]"*2000)
put("very_deep_nesting.jsonl", lines(row(1), deep2), 1, "2:nested")
put("empty.jsonl", "", 0, "")
put("only_blank_lines.jsonl", "\n\n   \n", 0, "")
put("blank_lines_between.jsonl", "\n"+lines(row(1))+"\n\n"+lines(row(2)), 2, "")
put("crlf_lines.jsonl", lines(row(1)).replace("\n","\r\n")+lines("{bad").replace("\n","\r\n")+lines(row(2)).replace("\n","\r\n"), 2, "2:not valid JSON")
put("bom_first.jsonl", "\ufeff"+lines(row(1), row(2)), 2, "")
put("no_final_newline.jsonl", lines(row(1))+j(row(2)), 2, "")
put("truncated_last_line.jsonl", lines(row(1))+j(row(2))[:40], 1, "2:not")
put("several_errors.jsonl", lines(row(1, vector=[1]), "x", row(3), row(4, outcome="no"), row(5)), 2, "1:1 dimensions|2:not valid JSON|4:no")
put("all_bad.jsonl", lines("x","y","z"), 0, "1:not valid JSON|2:not valid JSON|3:not valid JSON")
put("numeric_key.jsonl", lines(row(1, optimization_id=42), row(2)), 1, "1:optimization_id")
# CSV
H="optimization_id,customer_id,outcome,savings_percent,vector\n"
def crow(n, **o):
    vals={"optimization_id":key(n),"customer_id":T1,"outcome":"success","savings_percent":"12.5","vector":'"[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8]"'}
    vals.update(o); return ",".join(vals[k] for k in ["optimization_id","customer_id","outcome","savings_percent","vector"])+"\n"
put("ragged_short.csv", H+crow(1)+key(2)+","+T1+"\n"+crow(3), 2, "3:2 cells")
put("ragged_long.csv", H+crow(1)+crow(2).rstrip("\n")+",extra\n", 1, "3:6 cells")
put("unclosed_quote.csv", H+crow(1)+key(2)+',"'+T1+',success\n', 1, "3:not closed")
put("text_after_quote.csv", H+crow(1)+key(2)+',"'+T1+'"x,success,1,"[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8]"\n', 1, "3:after the closing quote")
put("csv_bad_number.csv", H+crow(1, savings_percent="abc")+crow(2), 1, "2:not a finite number")
put("csv_nan_number.csv", H+crow(1, savings_percent="nan")+crow(2), 1, "2:not a finite number")
put("csv_wrong_dimension.csv", H+crow(1, vector='"[0.1,0.2]"')+crow(2), 1, "2:2 dimensions")
put("csv_vector_not_json.csv", H+crow(1, vector="abc")+crow(2), 1, "2:vector")
put("csv_missing_id.csv", H+crow(1, optimization_id="")+crow(2), 1, "2:missing or empty")
put("csv_duplicate_ids.csv", H+crow(1)+crow(1)+crow(2), 2, "3:duplicate id")
put("csv_quoted_newline.csv", H+crow(1)+key(2)+","+T1+',success,"12.5",'+'"[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8]"\n'+crow(3, outcome='"multi\nline"'), 2, "4:multi")
put("csv_header_only.csv", H, 0, "")
put("csv_empty.csv", "", 0, "0:no header row")
put("csv_duplicate_header.csv", "optimization_id,vector,vector\n", 0, "0:twice")
put("csv_non_utf8.csv", H.encode()+crow(1).encode()+crow(2, outcome="s\udcffx").encode('utf-8','surrogateescape'), 1, "3:UTF-8")
# JSON arrays
put("array_unclosed.json", "[\n"+j(row(1))+",\n"+j(row(2))+"\n", 2, "3:not closed")
put("array_bad_element.json", "[\n"+j(row(1))+",\n{\"a\":},\n"+j(row(3))+"\n]\n", 2, "3:not valid JSON")
put("array_missing_comma.json", "[\n"+j(row(1))+"\n"+j(row(2))+"\n]\n", 0, "2:not valid JSON")
put("array_trailing_text.json", "[\n"+j(row(1))+"\n] extra\n", 1, "3:after the array")
put("array_of_numbers.json", "[1, 2, 3]", 0, "1:not an object|1:not an object|1:not an object")
put("array_empty.json", "[]", 0, "")
put("array_wrong_dimension.json", "["+j(row(1, vector=[1,2]))+","+j(row(2))+"]", 1, "1:2 dimensions")
with open("EXPECTED.tsv","w") as f:
    f.write("# file\tformat\trows imported\terrors (line:part of the reason, | between; line 0: the run fails)\n")
    for e in expect: f.write("%s\t%s\t%d\t%s\n"%e)
print(len(expect))
