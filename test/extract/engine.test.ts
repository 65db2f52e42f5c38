/** The engine's reading across sentences and lines: where one person's story ends. */
import { describe, expect, it } from "vitest";
import { extract } from "../../src/index.js";

const values = (text: string) => extract(text, { documentDate: "2021-06-18" }).map((m) => [m.value, m.unit]);

describe("one person's story", () => {
  const story = "Xảy ra 02 vụ cháy lớn. Vụ cháy nhà ở tại phường Cầu Đất làm 01 cháu bé 4 tuổi tử vong, gia đình thiệt hại 300 triệu đồng.";
  const report = "Về nguyên nhân, có 29 vụ do sự cố hệ thống, thiết bị điện, chiếm 67,4%.";

  it("runs to the end of its paragraph", () => {
    expect(values(`${story} ${report}`)).toEqual([[2, "vụ"]]);
  });

  it("runs to the end of its line where a text's lines are its paragraphs", () => {
    expect(values(`${story}\n${report}`)).toEqual([
      [2, "vụ"],
      [29, "vụ"],
      [67.4, "%"],
    ]);
  });

  it("ends at a sentence that turns back to an authority's figures", () => {
    const quote = "“Bờ sông trước nhà tôi đã sạt lở khoảng 300 m”, ông Lê Văn Dũng (62 tuổi, trú thôn Hà Nha) bức xúc.";
    expect(values(`${quote} Theo UBND huyện Đại Lộc, năm 2018 trên địa bàn huyện có 6 điểm sạt lở bờ sông.`)).toEqual([[6, "điểm"]]);
    expect(values(`${quote} Ông cho biết cả xóm có 6 điểm sạt lở.`)).toEqual([]);
  });
});
