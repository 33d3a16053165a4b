"""The rules of Nghị định 30/2020/NĐ-CP as code over data: dates, số/ký hiệu, lettering, Nơi nhận,
signature authority, the formatting profile and text metrics."""
