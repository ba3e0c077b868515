from datetime import date

from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files, register_incoming


def test_register_gives_first_number_of_the_year(world, blobs, pdf_factory):
    files = prepare_files([pdf_factory()], blobs)
    with world.store.write() as s:
        doc = register_incoming(
            s,
            world.clerk_id,
            DocumentFields(
                type_name="Công văn",
                subject="Về việc chuyển đổi số",
                organ_name="Sở Nội vụ",
                organ_id="000.00.12.H41",
                code_number="05",
                code_notation="SNV-VP",
                issued_date=date(2026, 3, 1),
            ),
            files,
            arrival_date=date(2026, 3, 2),
        )
        assert doc.arrival_number == 1
        assert doc.number_label == "05/SNV-VP"
