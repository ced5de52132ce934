"""CTCAE v5.0 grading at every cut-off of every graded term.

Expected grades are read off NCI's CTCAE v5.0 table (published 27 Nov 2017); the wording of each
term is quoted in the comment above its rows. Ranges "A - B" take their ends from CTCAE's sign:
"<LLN - 10.0" is below LLN down to and including 10.0; ">3.0 - 5.0 x ULN" is above 3.0 x ULN up
to and including 5.0 x ULN. Limits used: JCCLS-like LLN/ULN chosen per row, stated in the row.
"""
from __future__ import annotations

import pytest

from nkdesk.rules import ctcae
from nkdesk.rules.errors import InputError

J = "judgement"  # the value alone cannot decide between two grades

CUTOFFS = [
    # Anemia. G1 "Hemoglobin (Hgb) <LLN - 10.0 g/dL; <LLN - 6.2 mmol/L; <LLN - 100 g/L";
    # G2 "Hgb <10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80g/L"; G3 "Hgb <8.0 g/dL; <4.9 mmol/L; <80 g/L"
    ("Anemia", "13.7 g/dL", {"lln": "13.7 g/dL"}, 0),
    ("Anemia", "13.6 g/dL", {"lln": "13.7 g/dL"}, 1),
    ("Anemia", "10.0 g/dL", {"lln": "13.7 g/dL"}, 1),
    ("Anemia", "9.9 g/dL", {"lln": "13.7 g/dL"}, 2),
    ("Anemia", "8.0 g/dL", {"lln": "13.7 g/dL"}, 2),
    ("Anemia", "7.9 g/dL", {"lln": "13.7 g/dL"}, 3),
    ("Anemia", "6.2 mmol/L", {"lln": "8.5 mmol/L"}, 1),
    ("Anemia", "6.19 mmol/L", {"lln": "8.5 mmol/L"}, 2),
    ("Anemia", "4.9 mmol/L", {"lln": "8.5 mmol/L"}, 2),
    ("Anemia", "4.89 mmol/L", {"lln": "8.5 mmol/L"}, 3),
    ("Anemia", "100 g/L", {"lln": "137 g/L"}, 1),
    ("Anemia", "99 g/L", {"lln": "137 g/L"}, 2),
    ("Anemia", "80 g/L", {"lln": "137 g/L"}, 2),
    ("Anemia", "79 g/L", {"lln": "137 g/L"}, 3),
    # Leukocytosis. G3 ">100,000/mm3" (G1, G2 "-"). 15 x 10^9/L is below the lowest graded level.
    ("Leukocytosis", "100000 /mm3", {}, 0),
    ("Leukocytosis", "100001 /mm3", {}, 3),
    ("Leukocytosis", "100 10^9/L", {}, 0),
    ("Leukocytosis", "100.1 10^9/L", {}, 3),
    ("Leukocytosis", "15 10^9/L", {}, 0),
    # White blood cell decreased. "<LLN - 3000/mm3; <LLN - 3.0 x 10e9 /L"; "<3000 - 2000/mm3; <3.0 - 2.0";
    # "<2000 - 1000/mm3; <2.0 - 1.0"; "<1000/mm3; <1.0 x 10e9 /L"
    ("White blood cell decreased", "3300 /mm3", {"lln": "3.3 10^3/uL"}, 0),
    ("White blood cell decreased", "3299 /mm3", {"lln": "3.3 10^3/uL"}, 1),
    ("White blood cell decreased", "3000 /mm3", {"lln": "3.3 10^3/uL"}, 1),
    ("White blood cell decreased", "2999 /mm3", {"lln": "3.3 10^3/uL"}, 2),
    ("White blood cell decreased", "2000 /uL", {"lln": "3.3 10^3/uL"}, 2),
    ("White blood cell decreased", "1999 /uL", {"lln": "3.3 10^3/uL"}, 3),
    ("White blood cell decreased", "1.0 10^9/L", {"lln": "3.3 10^9/L"}, 3),
    ("White blood cell decreased", "0.99 10^9/L", {"lln": "3.3 10^9/L"}, 4),
    ("White blood cell decreased", "3.0 x10^9/L", {"lln": "3.3 10^9/L"}, 1),
    ("White blood cell decreased", "2.99 ×10⁹/L", {"lln": "3.3 10^9/L"}, 2),
    # Neutrophil count decreased. "<LLN - 1500/mm3; <LLN - 1.5 x 10e9 /L"; "<1500 - 1000/mm3";
    # "<1000 - 500/mm3"; "<500/mm3"
    ("Neutrophil count decreased", "1800 /mm3", {"lln": "1800 /mm3"}, 0),
    ("Neutrophil count decreased", "1500 /mm3", {"lln": "1800 /mm3"}, 1),
    ("Neutrophil count decreased", "1499 /mm3", {"lln": "1800 /mm3"}, 2),
    ("Neutrophil count decreased", "1000 /mm3", {"lln": "1800 /mm3"}, 2),
    ("Neutrophil count decreased", "999 /mm3", {"lln": "1800 /mm3"}, 3),
    ("Neutrophil count decreased", "0.5 10^9/L", {"lln": "1.8 10^9/L"}, 3),
    ("Neutrophil count decreased", "0.49 10^9/L", {"lln": "1.8 10^9/L"}, 4),
    # Lymphocyte count decreased. "<LLN - 800/mm3; <LLN - 0.8 x 10e9/L"; "<800 - 500/mm3"; "<500 - 200/mm3"; "<200/mm3"
    ("Lymphocyte count decreased", "1000 /mm3", {"lln": "1000 /mm3"}, 0),
    ("Lymphocyte count decreased", "800 /mm3", {"lln": "1000 /mm3"}, 1),
    ("Lymphocyte count decreased", "799 /mm3", {"lln": "1000 /mm3"}, 2),
    ("Lymphocyte count decreased", "500 /mm3", {"lln": "1000 /mm3"}, 2),
    ("Lymphocyte count decreased", "499 /mm3", {"lln": "1000 /mm3"}, 3),
    ("Lymphocyte count decreased", "0.2 10^9/L", {"lln": "1.0 10^9/L"}, 3),
    ("Lymphocyte count decreased", "0.19 10^9/L", {"lln": "1.0 10^9/L"}, 4),
    # Platelet count decreased. "<LLN - 75,000/mm3; <LLN - 75.0 x 10e9 /L"; "<75,000 - 50,000/mm3";
    # "<50,000 - 25,000/mm3"; "<25,000/mm3; <25.0 x 10e9 /L". 1 x 10^4/uL = 10 x 10^9/L.
    ("Platelet count decreased", "15.8 10^4/uL", {"lln": "158 10^3/uL"}, 0),
    ("Platelet count decreased", "15.7 10^4/uL", {"lln": "158 10^3/uL"}, 1),
    ("Platelet count decreased", "7.5 10^4/uL", {"lln": "158 10^3/uL"}, 1),
    ("Platelet count decreased", "7.4 10^4/uL", {"lln": "158 10^3/uL"}, 2),
    ("Platelet count decreased", "50 10^9/L", {"lln": "158 10^9/L"}, 2),
    ("Platelet count decreased", "49.9 10^9/L", {"lln": "158 10^9/L"}, 3),
    ("Platelet count decreased", "25000 /mm3", {"lln": "158000 /mm3"}, 3),
    ("Platelet count decreased", "24999 /mm3", {"lln": "158000 /mm3"}, 4),
    # Aspartate aminotransferase increased, baseline normal. ">ULN - 3.0 x ULN"; ">3.0 - 5.0 x ULN";
    # ">5.0 - 20.0 x ULN"; ">20.0 x ULN". ULN 30 U/L: cut-offs 90, 150, 600.
    ("Aspartate aminotransferase increased", "30 U/L", {"uln": "30 U/L"}, 0),
    ("Aspartate aminotransferase increased", "31 U/L", {"uln": "30 U/L"}, 1),
    ("Aspartate aminotransferase increased", "90 U/L", {"uln": "30 U/L"}, 1),
    ("Aspartate aminotransferase increased", "91 U/L", {"uln": "30 U/L"}, 2),
    ("Aspartate aminotransferase increased", "150 U/L", {"uln": "30 U/L"}, 2),
    ("Aspartate aminotransferase increased", "151 U/L", {"uln": "30 U/L"}, 3),
    ("Aspartate aminotransferase increased", "600 IU/L", {"uln": "30 U/L"}, 3),
    ("Aspartate aminotransferase increased", "601 IU/L", {"uln": "30 U/L"}, 4),
    # ...baseline abnormal: "1.5 - 3.0 x baseline"; ">3.0 - 5.0 x baseline"; ">5.0 - 20.0 x baseline";
    # ">20.0 x baseline". Baseline 60 U/L (> ULN 30): cut-offs 90 (from), 180, 300, 1200.
    ("Aspartate aminotransferase increased", "89 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 0),
    ("Aspartate aminotransferase increased", "90 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 1),
    ("Aspartate aminotransferase increased", "180 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 1),
    ("Aspartate aminotransferase increased", "181 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 2),
    ("Aspartate aminotransferase increased", "300 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 2),
    ("Aspartate aminotransferase increased", "301 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 3),
    ("Aspartate aminotransferase increased", "1200 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 3),
    ("Aspartate aminotransferase increased", "1201 U/L", {"uln": "30 U/L", "baseline": "60 U/L"}, 4),
    # A baseline within normal limits keeps the "baseline was normal" criteria.
    ("Aspartate aminotransferase increased", "31 U/L", {"uln": "30 U/L", "baseline": "25 U/L"}, 1),
    # Alanine aminotransferase increased: the same wording as AST. ULN 42 U/L: 126, 210, 840.
    ("Alanine aminotransferase increased", "42 U/L", {"uln": "42 U/L"}, 0),
    ("Alanine aminotransferase increased", "43 U/L", {"uln": "42 U/L"}, 1),
    ("Alanine aminotransferase increased", "126 U/L", {"uln": "42 U/L"}, 1),
    ("Alanine aminotransferase increased", "127 U/L", {"uln": "42 U/L"}, 2),
    ("Alanine aminotransferase increased", "210 U/L", {"uln": "42 U/L"}, 2),
    ("Alanine aminotransferase increased", "211 U/L", {"uln": "42 U/L"}, 3),
    ("Alanine aminotransferase increased", "840 U/L", {"uln": "42 U/L"}, 3),
    ("Alanine aminotransferase increased", "841 U/L", {"uln": "42 U/L"}, 4),
    ("Alanine aminotransferase increased", "99 U/L", {"uln": "42 U/L", "baseline": "66 U/L"}, 1),
    ("Alanine aminotransferase increased", "98 U/L", {"uln": "42 U/L", "baseline": "66 U/L"}, 0),
    # Alkaline phosphatase increased, baseline normal. ">ULN - 2.5 x ULN"; ">2.5 - 5.0 x ULN";
    # ">5.0 - 20.0 x ULN"; ">20.0 x ULN". ULN 113 U/L: 282.5, 565, 2260.
    ("Alkaline phosphatase increased", "113 U/L", {"uln": "113 U/L"}, 0),
    ("Alkaline phosphatase increased", "114 U/L", {"uln": "113 U/L"}, 1),
    ("Alkaline phosphatase increased", "282.5 U/L", {"uln": "113 U/L"}, 1),
    ("Alkaline phosphatase increased", "283 U/L", {"uln": "113 U/L"}, 2),
    ("Alkaline phosphatase increased", "565 U/L", {"uln": "113 U/L"}, 2),
    ("Alkaline phosphatase increased", "566 U/L", {"uln": "113 U/L"}, 3),
    ("Alkaline phosphatase increased", "2260 U/L", {"uln": "113 U/L"}, 3),
    ("Alkaline phosphatase increased", "2261 U/L", {"uln": "113 U/L"}, 4),
    # ...baseline abnormal: "2.0 - 2.5 x baseline"; ">2.5 - 5.0 x baseline"; ... Baseline 200: 400, 500, 1000, 4000.
    ("Alkaline phosphatase increased", "399 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 0),
    ("Alkaline phosphatase increased", "400 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 1),
    ("Alkaline phosphatase increased", "500 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 1),
    ("Alkaline phosphatase increased", "501 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 2),
    ("Alkaline phosphatase increased", "1000 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 2),
    ("Alkaline phosphatase increased", "1001 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 3),
    ("Alkaline phosphatase increased", "4000 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 3),
    ("Alkaline phosphatase increased", "4001 U/L", {"uln": "113 U/L", "baseline": "200 U/L"}, 4),
    # Blood bilirubin increased, baseline normal. ">ULN - 1.5 x ULN"; ">1.5 - 3.0 x ULN"; ">3.0 - 10.0 x ULN";
    # ">10.0 x ULN". ULN 1.5 mg/dL: 2.25, 4.5, 15.
    ("Blood bilirubin increased", "1.5 mg/dL", {"uln": "1.5 mg/dL"}, 0),
    ("Blood bilirubin increased", "1.6 mg/dL", {"uln": "1.5 mg/dL"}, 1),
    ("Blood bilirubin increased", "2.25 mg/dL", {"uln": "1.5 mg/dL"}, 1),
    ("Blood bilirubin increased", "2.26 mg/dL", {"uln": "1.5 mg/dL"}, 2),
    ("Blood bilirubin increased", "4.5 mg/dL", {"uln": "1.5 mg/dL"}, 2),
    ("Blood bilirubin increased", "4.6 mg/dL", {"uln": "1.5 mg/dL"}, 3),
    ("Blood bilirubin increased", "15 mg/dL", {"uln": "1.5 mg/dL"}, 3),
    ("Blood bilirubin increased", "15.1 mg/dL", {"uln": "1.5 mg/dL"}, 4),
    # In umol/L with the ULN in mg/dL (1 mg/dL = 17.1 umol/L): 1.5 x 1.2 mg/dL = 30.78 umol/L.
    ("Blood bilirubin increased", "30.78 umol/L", {"uln": "1.2 mg/dL"}, 1),
    ("Blood bilirubin increased", "30.8 umol/L", {"uln": "1.2 mg/dL"}, 2),
    # ...baseline abnormal: "> 1.0 - 1.5 x baseline"; ">1.5 - 3.0 x baseline"; ">3.0 - 10.0 x baseline";
    # ">10.0 x baseline".
    ("Blood bilirubin increased", "2.0 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 0),
    ("Blood bilirubin increased", "2.1 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 1),
    ("Blood bilirubin increased", "3.0 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 1),
    ("Blood bilirubin increased", "3.1 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 2),
    ("Blood bilirubin increased", "6.0 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 2),
    ("Blood bilirubin increased", "6.1 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 3),
    ("Blood bilirubin increased", "20 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 3),
    ("Blood bilirubin increased", "20.1 mg/dL", {"uln": "1.5 mg/dL", "baseline": "2.0 mg/dL"}, 4),
    # Hypoalbuminemia. "<LLN - 3 g/dL; <LLN - 30 g/L"; "<3 - 2 g/dL; <30 - 20 g/L"; "<2 g/dL; <20 g/L"
    ("Hypoalbuminemia", "4.1 g/dL", {"lln": "4.1 g/dL"}, 0),
    ("Hypoalbuminemia", "4.0 g/dL", {"lln": "4.1 g/dL"}, 1),
    ("Hypoalbuminemia", "3.0 g/dL", {"lln": "4.1 g/dL"}, 1),
    ("Hypoalbuminemia", "2.9 g/dL", {"lln": "4.1 g/dL"}, 2),
    ("Hypoalbuminemia", "2.0 g/dL", {"lln": "4.1 g/dL"}, 2),
    ("Hypoalbuminemia", "1.9 g/dL", {"lln": "4.1 g/dL"}, 3),
    ("Hypoalbuminemia", "30 g/L", {"lln": "41 g/L"}, 1),
    ("Hypoalbuminemia", "29 g/L", {"lln": "41 g/L"}, 2),
    ("Hypoalbuminemia", "20 g/L", {"lln": "41 g/L"}, 2),
    ("Hypoalbuminemia", "19 g/L", {"lln": "41 g/L"}, 3),
    # Hyponatremia. "<LLN - 130 mmol/L"; "125-129 mmol/L and asymptomatic"; "125-129 mmol/L symptomatic;
    # 120-124 mmol/L regardless of symptoms"; "<120 mmol/L"
    ("Hyponatremia", "138 mmol/L", {"lln": "138 mmol/L"}, 0),
    ("Hyponatremia", "137 mmol/L", {"lln": "138 mmol/L"}, 1),
    ("Hyponatremia", "130 mmol/L", {"lln": "138 mmol/L"}, 1),
    ("Hyponatremia", "129.5 mmol/L", {"lln": "138 mmol/L"}, J),
    ("Hyponatremia", "129 mmol/L", {"lln": "138 mmol/L"}, J),
    ("Hyponatremia", "125 mEq/L", {"lln": "138 mmol/L"}, J),
    ("Hyponatremia", "124 mmol/L", {"lln": "138 mmol/L"}, 3),
    ("Hyponatremia", "120 mmol/L", {"lln": "138 mmol/L"}, 3),
    ("Hyponatremia", "119 mmol/L", {"lln": "138 mmol/L"}, 4),
    # Hypernatremia. ">ULN - 150 mmol/L"; ">150 - 155 mmol/L"; ">155 - 160 mmol/L"; ">160 mmol/L"
    ("Hypernatremia", "145 mmol/L", {"uln": "145 mmol/L"}, 0),
    ("Hypernatremia", "146 mmol/L", {"uln": "145 mmol/L"}, 1),
    ("Hypernatremia", "150 mmol/L", {"uln": "145 mmol/L"}, 1),
    ("Hypernatremia", "151 mmol/L", {"uln": "145 mmol/L"}, 2),
    ("Hypernatremia", "155 mmol/L", {"uln": "145 mmol/L"}, 2),
    ("Hypernatremia", "156 mmol/L", {"uln": "145 mmol/L"}, 3),
    ("Hypernatremia", "160 mmol/L", {"uln": "145 mmol/L"}, 3),
    ("Hypernatremia", "161 mmol/L", {"uln": "145 mmol/L"}, 4),
    # Hypokalemia. G1 "<LLN - 3.0 mmol/L"; G2 "Symptomatic with <LLN - 3.0 mmol/L; intervention indicated";
    # G3 "<3.0 - 2.5 mmol/L"; G4 "<2.5 mmol/L"
    ("Hypokalemia", "3.6 mmol/L", {"lln": "3.6 mmol/L"}, 0),
    ("Hypokalemia", "3.5 mmol/L", {"lln": "3.6 mmol/L"}, 1),
    ("Hypokalemia", "3.0 mEq/L", {"lln": "3.6 mmol/L"}, 1),
    ("Hypokalemia", "2.9 mmol/L", {"lln": "3.6 mmol/L"}, 3),
    ("Hypokalemia", "2.5 mmol/L", {"lln": "3.6 mmol/L"}, 3),
    ("Hypokalemia", "2.4 mmol/L", {"lln": "3.6 mmol/L"}, 4),
    # Hyperkalemia. ">ULN - 5.5 mmol/L"; ">5.5 - 6.0 mmol/L"; ">6.0 - 7.0 mmol/L"; ">7.0 mmol/L"
    ("Hyperkalemia", "4.8 mmol/L", {"uln": "4.8 mmol/L"}, 0),
    ("Hyperkalemia", "4.9 mmol/L", {"uln": "4.8 mmol/L"}, 1),
    ("Hyperkalemia", "5.5 mmol/L", {"uln": "4.8 mmol/L"}, 1),
    ("Hyperkalemia", "5.6 mmol/L", {"uln": "4.8 mmol/L"}, 2),
    ("Hyperkalemia", "6.0 mmol/L", {"uln": "4.8 mmol/L"}, 2),
    ("Hyperkalemia", "6.1 mmol/L", {"uln": "4.8 mmol/L"}, 3),
    ("Hyperkalemia", "7.0 mmol/L", {"uln": "4.8 mmol/L"}, 3),
    ("Hyperkalemia", "7.1 mmol/L", {"uln": "4.8 mmol/L"}, 4),
    # Hypocalcemia. "Corrected serum calcium of <LLN - 8.0 mg/dL; <LLN - 2.0 mmol/L"; "<8.0 - 7.0 mg/dL;
    # <2.0 - 1.75 mmol/L"; "<7.0 - 6.0 mg/dL; <1.75 - 1.5 mmol/L"; "<6.0 mg/dL; <1.5 mmol/L"
    ("Hypocalcemia", "8.8 mg/dL", {"lln": "8.8 mg/dL"}, 0),
    ("Hypocalcemia", "8.7 mg/dL", {"lln": "8.8 mg/dL"}, 1),
    ("Hypocalcemia", "8.0 mg/dL", {"lln": "8.8 mg/dL"}, 1),
    ("Hypocalcemia", "7.9 mg/dL", {"lln": "8.8 mg/dL"}, 2),
    ("Hypocalcemia", "7.0 mg/dL", {"lln": "8.8 mg/dL"}, 2),
    ("Hypocalcemia", "6.9 mg/dL", {"lln": "8.8 mg/dL"}, 3),
    ("Hypocalcemia", "6.0 mg/dL", {"lln": "8.8 mg/dL"}, 3),
    ("Hypocalcemia", "5.9 mg/dL", {"lln": "8.8 mg/dL"}, 4),
    ("Hypocalcemia", "2.0 mmol/L", {"lln": "2.2 mmol/L"}, 1),
    ("Hypocalcemia", "1.99 mmol/L", {"lln": "2.2 mmol/L"}, 2),
    ("Hypocalcemia", "1.75 mmol/L", {"lln": "2.2 mmol/L"}, 2),
    ("Hypocalcemia", "1.74 mmol/L", {"lln": "2.2 mmol/L"}, 3),
    ("Hypocalcemia", "1.5 mmol/L", {"lln": "2.2 mmol/L"}, 3),
    ("Hypocalcemia", "1.49 mmol/L", {"lln": "2.2 mmol/L"}, 4),
    # Hypercalcemia. ">ULN - 11.5 mg/dL; >ULN - 2.9 mmol/L"; ">11.5 - 12.5 mg/dL; >2.9 - 3.1 mmol/L";
    # ">12.5 - 13.5 mg/dL; >3.1 - 3.4 mmol/L"; ">13.5 mg/dL; >3.4 mmol/L"
    ("Hypercalcemia", "10.1 mg/dL", {"uln": "10.1 mg/dL"}, 0),
    ("Hypercalcemia", "10.2 mg/dL", {"uln": "10.1 mg/dL"}, 1),
    ("Hypercalcemia", "11.5 mg/dL", {"uln": "10.1 mg/dL"}, 1),
    ("Hypercalcemia", "11.6 mg/dL", {"uln": "10.1 mg/dL"}, 2),
    ("Hypercalcemia", "12.5 mg/dL", {"uln": "10.1 mg/dL"}, 2),
    ("Hypercalcemia", "12.6 mg/dL", {"uln": "10.1 mg/dL"}, 3),
    ("Hypercalcemia", "13.5 mg/dL", {"uln": "10.1 mg/dL"}, 3),
    ("Hypercalcemia", "13.6 mg/dL", {"uln": "10.1 mg/dL"}, 4),
    ("Hypercalcemia", "2.9 mmol/L", {"uln": "2.5 mmol/L"}, 1),
    ("Hypercalcemia", "2.91 mmol/L", {"uln": "2.5 mmol/L"}, 2),
    ("Hypercalcemia", "3.1 mmol/L", {"uln": "2.5 mmol/L"}, 2),
    ("Hypercalcemia", "3.11 mmol/L", {"uln": "2.5 mmol/L"}, 3),
    ("Hypercalcemia", "3.4 mmol/L", {"uln": "2.5 mmol/L"}, 3),
    ("Hypercalcemia", "3.41 mmol/L", {"uln": "2.5 mmol/L"}, 4),
    # Fever. "38.0 - 39.0 degrees C (100.4 - 102.2 degrees F)"; ">39.0 - 40.0 degrees C (102.3 - 104.0 degrees F)";
    # ">40.0 degrees C (>104.0 degrees F) for <=24 hrs" (G3) / "for >24 hrs" (G4)
    ("Fever", "37.9 degC", {}, 0),
    ("Fever", "38.0 degC", {}, 1),
    ("Fever", "39.0 degC", {}, 1),
    ("Fever", "39.1 degC", {}, 2),
    ("Fever", "40.0 degC", {}, 2),
    ("Fever", "40.1 degC", {}, J),
    ("Fever", "40.1 degC", {"duration_h": 24}, 3),
    ("Fever", "40.1 degC", {"duration_h": 24.5}, 4),
    ("Fever", "100.3 degF", {}, 0),
    ("Fever", "100.4 degF", {}, 1),
    ("Fever", "102.2 degF", {}, 1),
    ("Fever", "102.3 degF", {}, 2),
    ("Fever", "104.0 degF", {}, 2),
    ("Fever", "104.1 degF", {}, J),
    ("Fever", "104.1 degF", {"duration_h": 2}, 3),
    ("Fever", "38.4 °C", {}, 1),
    # Creatinine increased (added by issue 13). ">ULN - 1.5 x ULN"; ">1.5 - 3.0 x ULN"; ">3.0 - 6.0 x ULN";
    # ">6.0 x ULN" (the baseline alternatives: tests/rules/test_ctcae_terms.py)
    ("Creatinine increased", "1.0 mg/dL", {"uln": "1.0 mg/dL"}, 0),
    ("Creatinine increased", "1.5 mg/dL", {"uln": "1.0 mg/dL"}, 1),
    ("Creatinine increased", "1.51 mg/dL", {"uln": "1.0 mg/dL"}, 2),
    ("Creatinine increased", "3.0 mg/dL", {"uln": "1.0 mg/dL"}, 2),
    ("Creatinine increased", "3.01 mg/dL", {"uln": "1.0 mg/dL"}, 3),
    ("Creatinine increased", "6.0 mg/dL", {"uln": "1.0 mg/dL"}, 3),
    ("Creatinine increased", "6.01 mg/dL", {"uln": "1.0 mg/dL"}, 4),
]


@pytest.mark.parametrize(("term", "value", "limits", "expected"), CUTOFFS)
def test_every_cutoff_of_every_graded_term(term, value, limits, expected):
    """The grade at and beside each CTCAE v5.0 cut-off is the one the published table gives."""
    result = ctcae.grade(term, value, **limits)
    if expected == J:
        assert (result.grade, result.needs_judgement) == (None, True)
        assert len(result.candidates) == 2
    else:
        assert (result.grade, result.needs_judgement) == (expected, False)
    assert result.ctcae_version == "5.0"


def test_every_graded_term_is_covered_by_the_cutoff_table():
    """No graded term lacks cut-off tests (the terms the protocol and issue 5 list)."""
    assert {row[0] for row in CUTOFFS} == set(ctcae.graded_terms())


@pytest.mark.parametrize(
    ("term", "value", "limits", "expected"),
    [
        # 6.2 mmol/L is 9.99 g/dL (x 1/0.6206): grade 2 on the g/dL column, but CTCAE's own mmol/L
        # column says "<LLN - 6.2 mmol/L" = grade 1. The value is graded on the column of its unit.
        ("Anemia", "6.2 mmol/L", {"lln": "13.7 g/dL"}, 1),
        ("Anemia", "9.99 g/dL", {"lln": "13.7 g/dL"}, 2),
        # 1.998 mmol/L calcium is below CTCAE's 2.0 mmol/L (grade 2) but 8.008 mg/dL (x 1/0.2495) is
        # not below 8.0 mg/dL. mEq/L is not a CTCAE column: 3.996 mEq/L = 1.998 mmol/L is converted to
        # the first column CTCAE lists (mg/dL) and graded there: grade 1.
        ("Hypocalcemia", "1.998 mmol/L", {"lln": "2.2 mmol/L"}, 2),
        ("Hypocalcemia", "3.996 mEq/L", {"lln": "8.8 mg/dL"}, 1),
    ],
)
def test_value_is_graded_on_its_own_unit_column(term, value, limits, expected):
    """A listed unit keeps its column; any other unit goes to the first column (contract)."""
    assert ctcae.grade(term, value, **limits).grade == expected


# Albumin correction (../shared/cli-contract.md `grade`, issue 13). Japanese labelling (e.g. the
# denosumab package insert): "corrected Ca = Ca − Alb + 4.0 when Alb < 4.0 g/dL", i.e. k = 1.0;
# Payne RB et al. BMJ 1973;4:643: k = 0.8. No correction at albumin ≥ 4.0 g/dL. 1 mg/dL Ca = 0.2495
# mmol/L (Young DS, Ann Intern Med 1987;106:114). Grade bands: CTCAE v5.0 Hypocalcemia,
# "<LLN - 8.0 mg/dL; <LLN - 2.0 mmol/L" G1, "<8.0 - 7.0 mg/dL; <2.0 - 1.75 mmol/L" G2.
@pytest.mark.parametrize(
    ("value", "albumin", "rule", "expected_grade", "expected_corrected", "expected_correction"),
    [
        # the review's case: Ca 9.0 with albumin 4.8 g/dL is NOT corrected down to 8.36 (grade 0, LLN 8.8)
        ("9.0 mg/dL", "4.8 g/dL", None, 0, 9.0, None),
        ("9.0 mg/dL", "4.0 g/dL", None, 0, 9.0, None),            # at 4.0 g/dL: not corrected
        ("7.2 mg/dL", "3.0 g/dL", None, 1, 8.2, "jp"),            # 7.2 + 1.0 × 1.0 = 8.2
        ("7.2 mg/dL", "30 g/L", None, 1, 8.2, "jp"),              # albumin 30 g/L = 3.0 g/dL
        ("7.2 mg/dL", "3.0 g/dL", "payne", 1, 8.0, "payne"),      # 7.2 + 0.8 × 1.0 = 8.0 (at the cut-off)
        ("6.5 mg/dL", "3.5 g/dL", None, 2, 7.0, "jp"),            # 6.5 + 1.0 × 0.5 = 7.0 → "<8.0 - 7.0"
        ("6.5 mg/dL", "3.5 g/dL", "payne", 3, 6.9, "payne"),      # 6.5 + 0.8 × 0.5 = 6.9 → "<7.0 - 6.0"
        # mmol/L graded on CTCAE's mmol/L column, corrected by 1.0 × 1.0 mg/dL × 0.2495 = 0.2495 mmol/L
        ("1.8 mmol/L", "3.0 g/dL", None, 1, 2.0495, "jp"),
        # … and by 0.8 × 1.5 mg/dL × 0.2495 = 0.2994 mmol/L: 1.6 + 0.2994 = 1.8994 → "<2.0 - 1.75" G2
        ("1.6 mmol/L", "2.5 g/dL", "payne", 2, 1.8994, "payne"),
    ],
)
def test_calcium_is_corrected_only_below_4_g_dl(value, albumin, rule, expected_grade, expected_corrected,
                                                 expected_correction):
    """Corrected = measured + k × (4.0 − albumin) only when albumin < 4.0 g/dL; k = 1.0 unless Payne."""
    lln = "2.2 mmol/L" if "mmol" in value else "8.8 mg/dL"
    result = ctcae.grade("Hypocalcemia", value, lln=lln, albumin=albumin, ca_correction=rule)
    assert result.grade == expected_grade
    assert result.value == pytest.approx(expected_corrected, abs=1e-4)
    assert result.calcium is not None
    data = result.to_json()
    assert data["corrected_value"] == pytest.approx(expected_corrected, abs=1e-4)
    assert data["corrected_unit"] == ("mmol/L" if "mmol" in value else "mg/dL")
    assert data["correction"] == expected_correction
    assert result.corrected is (expected_correction is not None)


def test_calcium_correction_names_measured_corrected_and_rule():
    """The evidence a form or a proposal shows: measured, corrected, albumin and the rule's wording."""
    result = ctcae.grade("Hypocalcemia", "7.2 mg/dL", lln="8.8 mg/dL", albumin="3.0 g/dL")
    text = result.calcium.describe()
    assert "7.2 mg/dL measured" in text and "8.2 mg/dL corrected" in text and "3 g/dL" in text
    assert "4.0 − Alb" in text and "Japanese labelling" in text


def test_unknown_correction_rule_is_bad_input():
    with pytest.raises(InputError) as caught:
        ctcae.grade("Hypocalcemia", "7.2 mg/dL", lln="8.8 mg/dL", albumin="3.0 g/dL", ca_correction="orrell")
    assert caught.value.field == "ca_correction"


# CTCAE v5.0 ionised calcium columns (Metabolism and nutrition disorders page): Hypocalcemia
# "Ionized calcium <LLN - 1.0 mmol/L" G1, "<1.0 - 0.9" G2, "<0.9 - 0.8" G3, "<0.8" G4; Hypercalcemia
# ">ULN - 1.5" G1, ">1.5 - 1.6" G2, ">1.6 - 1.8" G3, ">1.8" G4.
@pytest.mark.parametrize(
    ("term", "value", "expected"),
    [
        ("Hypocalcemia", "1.15 mmol/L", 0),
        ("Hypocalcemia", "1.05 mmol/L", 1),     # the review's case: citrate toxicity during apheresis
        ("Hypocalcemia", "1.0 mmol/L", 1),
        ("Hypocalcemia", "0.99 mmol/L", 2),
        ("Hypocalcemia", "0.9 mmol/L", 2),
        ("Hypocalcemia", "0.89 mmol/L", 3),
        ("Hypocalcemia", "0.8 mmol/L", 3),
        ("Hypocalcemia", "0.79 mmol/L", 4),
        ("Hypercalcemia", "1.32 mmol/L", 0),
        ("Hypercalcemia", "1.4 mmol/L", 1),
        ("Hypercalcemia", "1.5 mmol/L", 1),
        ("Hypercalcemia", "1.55 mmol/L", 2),
        ("Hypercalcemia", "1.6 mmol/L", 2),
        ("Hypercalcemia", "1.7 mmol/L", 3),
        ("Hypercalcemia", "1.8 mmol/L", 3),
        ("Hypercalcemia", "1.81 mmol/L", 4),
    ],
)
def test_ionised_calcium_column(term, value, expected):
    """--ionized grades CTCAE's ionised column (LLN 1.15, ULN 1.32 mmol/L, a common analyser range)."""
    result = ctcae.grade(term, value, lln="1.15 mmol/L", uln="1.32 mmol/L", ionized=True)
    assert result.grade == expected
    assert result.to_json()["correction"] is None
    assert result.warning == ""


@pytest.mark.parametrize(("term", "kwargs", "field"), [
    ("Anemia", {"lln": "12 g/dL"}, "ionized"),                              # no ionised column
    ("Hypocalcemia", {"lln": "1.15 mmol/L", "albumin": "3.0 g/dL"}, "albumin"),   # never corrected
])
def test_ionised_misuse_is_bad_input(term, kwargs, field):
    with pytest.raises(InputError) as caught:
        ctcae.grade(term, "1.05 mmol/L" if term != "Anemia" else "9 g/dL", ionized=True, **kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize(("value", "warned"), [
    ("1.05 mmol/L", True), ("1.49 mmol/L", True), ("1.5 mmol/L", False),
    ("5.9 mg/dL", True), ("6.0 mg/dL", False),
])
def test_total_calcium_under_1_5_mmol_asks_whether_it_was_ionised(value, warned):
    """Contract: a measured total Ca < 1.5 mmol/L (6.0 mg/dL) is graded as total (CTCAE "<1.5 mmol/L;
    <6.0 mg/dL" is grade 4) and warns "was it ionised calcium?"."""
    lln = "2.2 mmol/L" if "mmol" in value else "8.8 mg/dL"
    result = ctcae.grade("Hypocalcemia", value, lln=lln)
    assert bool(result.warning) is warned
    if warned:
        assert result.grade == 4
        assert result.warning.endswith("was it ionised calcium? (--ionized)")
        assert result.to_json()["warning"] == result.warning


def test_ionised_calcium_analyte():
    """Analyte ionized_calcium (British spelling accepted): mmol/L, plausible 0.2–3.0 (contract)."""
    from nkdesk.rules import analytes, units

    assert analytes.find("ionised_calcium") is analytes.find("ionized_calcium")
    assert analytes.find("ionized_calcium").plausible == (0.2, 3.0)
    assert units.parse("1.05 mmol/L", analyte="ionized_calcium").canonical() == 1.05
    with pytest.raises(InputError):
        units.parse("3.1 mmol/L", analyte="ionized_calcium")


def test_calcium_without_albumin_is_taken_as_corrected():
    """Without albumin the value itself is graded (contract)."""
    result = ctcae.grade("Hypocalcemia", "7.5 mg/dL", lln="8.8 mg/dL")
    assert (result.grade, result.corrected) == (2, False)


@pytest.mark.parametrize(
    ("term", "value", "limits", "grade", "upgrades"),
    [
        # Anemia G3 "...; transfusion indicated", G4 "Life-threatening consequences...", G5 "Death"
        ("Anemia", "9.0 g/dL", {"lln": "13.7 g/dL"}, 2, [3, 4, 5]),
        ("Anemia", "7.0 g/dL", {"lln": "13.7 g/dL"}, 3, [4, 5]),
        # Platelet count decreased: G4 is "<25,000/mm3" only, G5 "-": no clinical upgrade.
        ("Platelet count decreased", "40 10^9/L", {"lln": "158 10^9/L"}, 3, []),
        # Hypokalemia G2 "Symptomatic with <LLN - 3.0 mmol/L; intervention indicated", G3 "...; hospitalization
        # indicated", G4 "...; life-threatening consequences", G5 "Death"
        ("Hypokalemia", "3.2 mmol/L", {"lln": "3.6 mmol/L"}, 1, [2, 3, 4, 5]),
        # Leukocytosis G4 "Clinical manifestations of leucostasis; urgent intervention indicated"
        ("Leukocytosis", "150 10^9/L", {}, 3, [4, 5]),
        # Hyponatremia 125-129: grade 2 or 3; G4 "...; life-threatening consequences", G5 "Death"
        ("Hyponatremia", "127 mmol/L", {"lln": "138 mmol/L"}, None, [4, 5]),
        # AST: G5 "-" and no clinical criterion
        ("Aspartate aminotransferase increased", "700 U/L", {"uln": "30 U/L"}, 4, []),
        # No grade: nothing to upgrade
        ("Anemia", "14 g/dL", {"lln": "13.7 g/dL"}, 0, []),
    ],
)
def test_upgrade_possible_lists_grades_reached_by_clinical_facts(term, value, limits, grade, upgrades):
    """Higher grades CTCAE reaches by a clinical fact (semicolon = "or") are listed, no others."""
    result = ctcae.grade(term, value, **limits)
    assert (result.grade, list(result.upgrade_possible)) == (grade, upgrades)


@pytest.mark.parametrize(
    ("term", "value", "limits", "wording"),
    [
        ("Platelet count decreased", "40 10^9/L", {"lln": "158 10^9/L"},
         "<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9 /L"),
        ("Anemia", "9.0 g/dL", {"lln": "13.7 g/dL"}, "Hgb <10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80g/L"),
        ("Fever", "40.5 degC", {"duration_h": 30}, ">40.0 degrees C (>104.0 degrees F) for >24 hrs"),
        ("Hyperkalemia", "6.5 mmol/L", {"uln": "4.8 mmol/L"}, ">6.0 - 7.0 mmol/L; hospitalization indicated"),
    ],
)
def test_criterion_is_ctcae_wording(term, value, limits, wording):
    """The criterion is NCI's CTCAE v5.0 wording for the grade reached."""
    assert ctcae.grade(term, value, **limits).criterion == wording


@pytest.mark.parametrize("name", ["anemia", "ANAEMIA", "Anaemia", "hypokalaemia", "Hypokalemia",
                                  "alanine aminotransferase increased", "leucocytosis", "thrombocytopenia"])
def test_terms_are_found_case_insensitively_with_british_spellings(name):
    """Term names are case-insensitive; British spellings and common synonyms resolve."""
    assert ctcae.find_term(name) is not None


def test_canonical_spelling_is_returned():
    """The result names the term as CTCAE spells it."""
    assert ctcae.grade("hypokalaemia", "3.2 mmol/L", lln="3.6 mmol/L").term == "Hypokalemia"


@pytest.mark.parametrize(
    ("term", "value", "limits", "field"),
    [
        ("Anemia", "9.8 g/dL", {}, "lln"),                                  # graded against LLN
        ("Aspartate aminotransferase increased", "100 U/L", {}, "uln"),     # graded against ULN
        ("Hypercalcemia", "12 mg/dL", {}, "uln"),
        ("Platelet count decreased", "12.3", {"lln": "158 10^9/L"}, "value"),   # no unit
        ("Platelet count decreased", "12.3 g/dL", {"lln": "158 10^9/L"}, "value"),  # wrong kind of unit
        ("Fever", "38 kg", {}, "value"),
        ("Fever", "50 degC", {}, "value"),                                 # outside 25-45 degC (contract)
        ("Platelets are low", "40 10^9/L", {}, "term"),
        ("Nausea", "40 10^9/L", {}, "term"),                                # graded by judgement only
        ("Fever", "40.5 degC", {"duration_h": -1}, "duration"),
    ],
)
def test_bad_input_is_an_input_error_naming_the_field(term, value, limits, field):
    """Missing limits, unitless or wrong-unit values and unknown terms are refused, never guessed."""
    with pytest.raises(InputError) as caught:
        ctcae.grade(term, value, **limits)
    assert caught.value.field == field


def test_missing_limit_without_strict_mode_is_reported_not_guessed():
    """Lab auto-grading may lack a site LLN: grades that need it stay undecided, the others are given."""
    assert ctcae.grade("Anemia", "7.0 g/dL", require_limits=False).grade == 3
    undecided = ctcae.grade("Anemia", "12.0 g/dL", require_limits=False)
    assert (undecided.grade, undecided.missing_limits) == (None, ("LLN",))


def test_table_is_consistent():
    """Every band refers to a listed column (or any unit for ULN-relative terms) and a defined grade."""
    for term in ctcae.table().values():
        assert set(term.grades) == {1, 2, 3, 4, 5}, term.name
        if not term.graded_from_value:
            continue
        for band in (*term.bands, *term.bands_baseline_abnormal):
            assert band["unit"] in (*term.units, "any"), (term.name, band)
            for grade in band.get("grades", [band.get("grade")]):
                assert term.grades[grade] != "-", (term.name, grade)
        for grade in term.clinical_grades:
            assert term.grades[grade] != "-", (term.name, grade)


def test_definitions_of_a_clinical_term_list_only_existing_grades():
    """Grade definitions shown to a nurse omit grades CTCAE marks "-" (Malaise has grades 1-3 only)."""
    choice = ctcae.definitions("general malaise")
    assert choice.term == "Malaise"
    # CTCAE v5.0 Malaise: grade 3 "...limiting self-care ADL" exists (v4.03 had none); grades 4-5 are "-"
    assert sorted(choice.grades) == [1, 2, 3]
    assert choice.grades[1] == "Uneasiness or lack of well being"


def test_protocol_terms_offer_all_four_electrolyte_disorders_and_flag_the_open_point():
    """The protocol lists hypokalaemia and hypercalcaemia twice: all four are offered, flagged."""
    from nkdesk.rules import protocol

    study = protocol.load("jRCTb060200020")
    offered = {choice.term: point for _, choices, point in ctcae.protocol_terms(study) for choice in choices}
    for term in ("Hypokalemia", "Hyperkalemia", "Hypocalcemia", "Hypercalcemia"):
        assert offered[term] == "electrolyte-terms"
    assert {p["id"] for p in study.section("adverse_events")["open_points"]} == {"electrolyte-terms"}
    assert "Malaise" in offered and "Cytokine release syndrome" in offered
