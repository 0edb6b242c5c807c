"""The sample library: Kiên Giang's report of quý II năm 2018 (the reference report, every figure and
sentence) and a quý I report of the same office, so cross-period checks have something to compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from model.library.library import Library
from model.report.values import Value
from model.vietnamese.period import Period

OFFICE_NAME = "Ủy ban nhân dân tỉnh Kiên Giang"

_RECIPIENTS = (
    "Thủ tướng và các PTT. Chính phủ;",
    "Văn phòng Chính phủ;",
    "TT. TU, TT. HĐND tỉnh;",
    "CT và các PCT. UBND tỉnh;",
    "Các sở ban, ngành tỉnh;",
    "UBND các huyện, thị, xã, thành phố;",
    "LĐVP, P. VHXX, P. TH;",
    "Trung tâm THCB;",
    "Lưu: VT, ltrtram.",
)

_SIGNER: dict[str, Value] = {
    "nguoi_ky_quyen_han": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    "nguoi_ky_chuc_vu": "PHÓ CHỦ TỊCH",
    "nguoi_ky_ho_ten": "Mai Văn Huỳnh",
    "noi_nhan": _RECIPIENTS,
}

_TASKS = (
    "Tập trung chỉ đạo, đôn đốc, kiểm tra thực hiện triển khai thực hiện cơ chế một cửa liên thông và dịch vụ "
    "công trực tuyến trên địa bàn tỉnh; nâng cao chất lượng, hiệu quả hoạt động của các cơ quan nhà nước, phục vụ "
    "người dân và doanh nghiệp.",
    "Triển khai hoàn thiện và đưa vào hoạt động hệ thống 01 cửa điện tử của 15 huyện, thị xã, thành phố đảm bảo "
    "thống nhất, đồng bộ công nghệ từ cấp tỉnh đến cấp xã; sớm ban hành danh mục các thủ tục hành chính được tiếp "
    "nhận trực tuyến trên cổng dịch vụ công trực tuyến của tỉnh.",
    "Chỉ đạo thực hiện các biện pháp tuyên truyền trên các phương tiện thông tin đại chúng, nhằm nâng cao nhận thức "
    "của cán bộ, công chức, người dân và doanh nghiệp về các lợi ích trong việc xây dựng Chính quyền điện tử.",
)

Q2_2018: dict[str, Value] = {
    **_SIGNER,
    "so": 154,
    "ngay_ban_hanh": date(2018, 6, 18),
    "mo_dau": "Thực hiện nhiệm vụ được giao tại Nghị quyết số 36a/NQ-CP về Chính phủ Điện tử (gọi tắt Nghị quyết số "
              "36a/NQ-CP) và yêu cầu của Văn phòng Chính phủ tại Công văn số 5253/VPCP-KSTT ngày 05/6/2018, Ủy ban "
              "nhân dân tỉnh Kiên Giang báo cáo tình hình thực hiện Nghị quyết số 36a/NQ-CP) về Chính phủ điện tử "
              "quý II năm 2018 như sau:",
    "cong_ttdt_tinh_hinh": "Đang triển khai kế hoạch nâng cấp một số Cổng/trang thông tin điện tử của các cơ quan nhà "
                           "nước trên địa bàn tỉnh đảm bảo đồng bộ công nghệ, tích hợp vào Cổng thông tin điện tử của "
                           "tỉnh.",
    "qlvb_tinh_hinh": "Đã nâng cấp hệ thống quản lý văn bản và Hồ sơ công việc đảm bảo kết nối liên thông từ tỉnh "
                      "đến cấp xã.",
    "vb_di_van_phong": 6327,
    "vb_luan_chuyen": 389033,
    "vb_noi_bo_ky_so": 1045,
    "vb_noi_bo_tong": 1045,
    "vb_ngoai_tinh_ky_so": 83,
    "vb_ngoai_tinh_tong": 83,
    "dvc_dia_chi": "dichvucong.kiengiang.gov.vn",
    "dvc_tong": 1972,
    "dvc_muc_1_2": 1248,
    "dvc_muc_3": 656,
    "dvc_muc_4": 68,
    "dvc_ho_so_truc_tuyen": 176,
    "mot_cua_tinh_hinh": "Để đảm bảo tính tập trung, thống nhất đồng bộ hệ thống 01 cửa điện tử để tiếp nhận, giải "
                         "quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến, tỉnh Kiên Giang đang thực "
                         "hiện nâng cấp hệ thống 01 cửa của 15 huyện, thị xã, thành phố đảm bảo tính liên thông từ "
                         "cấp tỉnh đến cấp xã.",
    "mot_cua_tinh_tiep_nhan": 1383,
    "mot_cua_tinh_dung_han": 596,
    "mot_cua_huyen_tiep_nhan": 6430,
    "mot_cua_huyen_dung_han": 4501,
    "cks_so_nganh": 22,
    "cks_huyen": 15,
    "cks_so_chu_ky": 78,
    "cks_van_ban_ky_so": 3700,
    "ha_tang_tinh_hinh": "Đến quý II/2018, tỉnh đang tiến hành các thủ tục triển khai dự án đầu tư, nâng cấp, bổ "
                         "sung trang thiết bị của Trung tâm dữ liệu tỉnh, nhằm đảm bảo an toàn thông tin các hệ "
                         "thống thông tin phục vụ triển khai Chính quyền điện tử.",
    "htth_diem_cau": 20,
    "htth_thi_diem": "Ngoài ra, trong quý II/2018 tỉnh cũng đang thực hiện đầu tư thí điểm hệ thống giao ban trực "
                     "tuyến giữa cấp huyện và cấp xã tại huyện An Minh, Vĩnh Thuận, Giang Thành đảm bảo kết nối liên "
                     "thông với hệ thống hội nghị truyền hình trực tuyến tỉnh.",
    "nhiem_vu": _TASKS,
}

# Quý I: invented but consistent (parts add up, cumulative figures not above quý II).
Q1_2018: dict[str, Value] = {
    **_SIGNER,
    "so": 62,
    "ngay_ban_hanh": date(2018, 3, 20),
    "cong_ttdt_tinh_hinh": "Cổng thông tin điện tử của tỉnh và các trang thông tin điện tử thành phần hoạt động ổn "
                           "định, cập nhật thông tin kịp thời.",
    "qlvb_tinh_hinh": "Hệ thống quản lý văn bản và Hồ sơ công việc được sử dụng tại các sở, ban, ngành và UBND cấp "
                      "huyện.",
    "vb_di_van_phong": 5874,
    "vb_luan_chuyen": 351260,
    "vb_noi_bo_ky_so": 980,
    "vb_noi_bo_tong": 1012,
    "vb_ngoai_tinh_ky_so": 76,
    "vb_ngoai_tinh_tong": 80,
    "dvc_dia_chi": "dichvucong.kiengiang.gov.vn",
    "dvc_tong": 1950,
    "dvc_muc_1_2": 1240,
    "dvc_muc_3": 645,
    "dvc_muc_4": 65,
    "dvc_ho_so_truc_tuyen": 142,
    "mot_cua_tinh_hinh": "Hệ thống 01 cửa điện tử cấp tỉnh tiếp tục vận hành tại Trung tâm Hành chính công tỉnh.",
    "mot_cua_tinh_tiep_nhan": 1150,
    "mot_cua_tinh_dung_han": 520,
    "mot_cua_huyen_tiep_nhan": 5980,
    "mot_cua_huyen_dung_han": 4100,
    "cks_so_nganh": 20,
    "cks_huyen": 15,
    "cks_so_chu_ky": 70,
    "cks_van_ban_ky_so": 2900,
    "ha_tang_tinh_hinh": "Hạ tầng Trung tâm dữ liệu tỉnh hoạt động ổn định; đang lập dự án nâng cấp trang thiết bị.",
    "htth_diem_cau": 20,
    "nhiem_vu": _TASKS[:2],
}


def write_sample(path: str | Path) -> Library:
    """Create a library at ``path`` holding the sample office and its two reports (quý I issued)."""
    library = Library.create(path)
    office = library.add_organization(OFFICE_NAME, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang", level="tinh")
    q1 = library.create_report(office, Period(2018, 1))
    library.set_values(q1, Q1_2018)
    library.set_status(q1, "issued")
    q2 = library.create_report(office, Period(2018, 2), carry_from=q1)
    library.set_values(q2, Q2_2018)
    return library
