import { assertEquals } from "@std/assert";
import { attentionCell, renderAttention } from "./attention_view.ts";

Deno.test("attentionCell() shades a weight in five steps and prints it in percent", () => {
  assertEquals(attentionCell(0), "    0");
  assertEquals(attentionCell(0.04), "    4");
  assertEquals(attentionCell(0.2), "░░ 20");
  assertEquals(attentionCell(0.5), "▒▒ 50");
  assertEquals(attentionCell(0.75), "▓▓ 75");
  assertEquals(attentionCell(0.96), "██ 96");
  // Rounding never leaves 0…1.
  assertEquals(attentionCell(1.0000001), "██100");
  assertEquals(attentionCell(-1e-9), "    0");
});

Deno.test("renderAttention() draws one lower-triangular grid per head", () => {
  const lines = renderAttention({
    labels: ["BOS", "e", "m"],
    heads: [
      [[1], [0.5, 0.5], [0.1, 0.2, 0.7]],
      [[1], [0, 1], [1, 0, 0]],
    ],
    headNames: ["head 1", "head 2"],
  });
  assertEquals(lines, [
    "head 1",
    "          BOS     e     m",
    "  BOS   ██100",
    "  e     ▒▒ 50 ▒▒ 50",
    "  m        10 ░░ 20 ▓▓ 70",
    "",
    "head 2",
    "          BOS     e     m",
    "  BOS   ██100",
    "  e         0 ██100",
    "  m     ██100     0     0",
  ]);
});
