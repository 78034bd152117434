package org.covidxray.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KermanyFileNameTest {

    @ParameterizedTest
    @CsvSource({
        "person1000_bacteria_2931.jpeg, person1000, bacteria",
        "person1_virus_6.jpeg, person1, virus",
        "person447_virus_921_1.jpeg, person447, virus",
        "PERSON12_Bacteria_3.JPG, person12, bacteria",
        "IM-0115-0001.jpeg, IM-0115, ''",
        "IM-0033-0001-0001.jpg, IM-0033, ''",
        "NORMAL2-IM-0383-0001.jpeg, NORMAL2-IM-0383, ''",
        "NORMAL2-IM-1179-0001-0002.jpeg, NORMAL2-IM-1179, ''",
    })
    void parsesPatientAndSubtype(String file, String patient, String subtype) {
        KermanyFileName name = KermanyFileName.parse(file).orElseThrow();
        assertThat(name.patientKey()).isEqualTo(patient);
        assertThat(name.subtype()).isEqualTo(subtype);
        assertThat(name.saysPneumonia()).isEqualTo(!subtype.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auntminnie-a-2020_01_28.jpg", "person_bacteria_1.jpeg", "IM-0115.jpeg", "x.png",
        "person1_fungus_2.jpeg"})
    void otherNamesDoNotParse(String file) {
        assertThat(KermanyFileName.parse(file)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"IM-0123-0001.jpeg, NORMAL2-IM-0123-0001.jpeg"})
    void normal2SeriesIsADifferentPatient(String im, String normal2) {
        assertThat(KermanyFileName.parse(im).orElseThrow().patientKey())
                .isNotEqualTo(KermanyFileName.parse(normal2).orElseThrow().patientKey());
    }
}
