import { describe, expect, it } from "vitest";
import { loadPhraseKeyer } from "../../src/normalise/phrase-key.js";

describe("indicator phrase keys", () => {
  const keyer = loadPhraseKeyer();

  it("expand abbreviations", () => {
    expect(keyer.key("tỷ lệ tham gia BHYT")).toBe(keyer.key("tỷ lệ tham gia bảo hiểm y tế"));
    expect(keyer.key("số DN thành lập mới")).toBe(keyer.key("doanh nghiệp thành lập mới"));
  });

  it("drop words of place scope anywhere and filler words at the start", () => {
    expect(keyer.key("tỷ lệ hộ nghèo toàn tỉnh")).toBe(keyer.key("tỷ lệ hộ nghèo"));
    expect(keyer.key("tổ chức tuyển sinh đào tạo nghề")).toBe(keyer.key("tuyển sinh đào tạo nghề"));
    expect(keyer.key("tổng số hộ nghèo trên địa bàn tỉnh")).toBe(keyer.key("hộ nghèo"));
  });

  it("cut a trailing qualifier that does not change what is measured", () => {
    expect(keyer.key("hộ cận nghèo theo chuẩn nghèo đa chiều quốc gia")).toBe(keyer.key("hộ cận nghèo"));
    expect(keyer.key("giai đoạn 2021-2025")).toBe("giai đoạn 2021 2025");
  });

  it("keep the last word when everything would go", () => {
    expect(keyer.key("số")).toBe("số");
  });
});
