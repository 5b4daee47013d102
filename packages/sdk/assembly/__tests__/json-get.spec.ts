import { JsonType, JsonValue } from "../json";

const doc = JsonValue.parse(
  '{"a":{"b":[{"c":"deep"},{"c":2}]},"x.y":"dotted","dup":1,"dup":2,"esc\\u0061ped":"yes","":"empty",' +
  '"list":[10, 20 , 30],"obj":{ "k" : "v" , "n":{"m":[]} }}',
).value;

describe("JsonValue.get (gjson dot paths)", () => {
  it("walks objects and arrays", () => {
    expect(doc.get("a.b.0.c").string()).toBe("deep");
    expect(doc.get("a.b.1.c").int()).toBe(2);
    expect(doc.get("list.2").int()).toBe(30);
    expect(doc.get("obj.n.m").raw()).toBe("[]");
    expect(doc.get("obj.k").string()).toBe("v");
  });

  it("escapes dots with a backslash", () => {
    expect(doc.get("x\\.y").string()).toBe("dotted");
    expect(doc.get("x.y").exists()).toBe(false);
  });

  it("takes the first of repeated keys, as gjson does", () => {
    expect(doc.get("dup").int()).toBe(1);
  });

  it("matches keys written with escapes by their decoded text", () => {
    expect(doc.get("escaped").string()).toBe("yes");
  });

  it("returns a missing value for absent paths", () => {
    const paths = ["nope", "a.nope", "a.b.2", "a.b.-1", "a.b.x", "list.0.z", "obj.k.z", "a.b.0.c.d"];
    for (let i = 0; i < paths.length; i++) {
      const v = doc.get(paths[i]);
      expect(v.exists()).toBe(false, paths[i]);
      expect(v.type).toBe(JsonType.Null, paths[i]);
      expect(v.raw()).toBe("", paths[i]);
    }
  });

  it("reads an array index only on arrays, a digit key only on objects", () => {
    const v = JsonValue.parse('{"0":"zero","arr":["first"]}').value;
    expect(v.get("0").string()).toBe("zero");
    expect(v.get("arr.0").string()).toBe("first");
  });
});

describe("JsonValue structure", () => {
  it("reports type, raw text and kind", () => {
    expect(doc.get("a").type).toBe(JsonType.JSON);
    expect(doc.get("a").isObject()).toBe(true);
    expect(doc.get("a").isArray()).toBe(false);
    expect(doc.get("list").isArray()).toBe(true);
    expect(doc.get("list").raw()).toBe("[10, 20 , 30]");
    expect(doc.get("obj.k").raw()).toBe('"v"');
    expect(doc.get("obj.k").type).toBe(JsonType.String);
    expect(doc.get("list.0").type).toBe(JsonType.Number);
  });

  it("lists array elements", () => {
    const list = doc.get("list").array();
    expect(list.length).toBe(3);
    expect(list[0].int()).toBe(10);
    expect(list[1].raw()).toBe("20");
    expect(list[2].int()).toBe(30);
  });

  it("makes a one-element array of a scalar and an empty one of null or missing", () => {
    const single = doc.get("obj.k").array();
    expect(single.length).toBe(1);
    expect(single[0].string()).toBe("v");
    expect(JsonValue.parse("null").value.array().length).toBe(0);
    expect(doc.get("nope").array().length).toBe(0);
    expect(JsonValue.parse("[]").value.array().length).toBe(0);
  });

  it("maps object members in source order, decoding keys", () => {
    const members = doc.map();
    const keys = members.keys();
    expect(keys.length).toBe(7);
    expect(keys[0]).toBe("a");
    expect(keys[1]).toBe("x.y");
    expect(keys[2]).toBe("dup");
    expect(keys[3]).toBe("escaped");
    expect(keys[4]).toBe("");
    expect(keys[6]).toBe("obj");
    expect(members.get("dup").int()).toBe(2);
    expect(members.get("").string()).toBe("empty");
    expect(doc.get("list").map().size).toBe(0);
    expect(doc.get("nope").map().size).toBe(0);
  });

  it("lists object members in source order, repeated keys each time, keys decoded", () => {
    const members = doc.members();
    expect(members.length).toBe(8);
    expect(members[2].key).toBe("dup");
    expect(members[2].value.int()).toBe(1);
    expect(members[3].key).toBe("dup");
    expect(members[3].value.int()).toBe(2);
    expect(members[4].key).toBe("escaped");
    expect(members[7].value.get("n.m").raw()).toBe("[]");
    expect(doc.get("list").members().length).toBe(0);
    expect(doc.get("nope").members().length).toBe(0);
  });
});
