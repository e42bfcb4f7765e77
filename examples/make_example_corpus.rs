//! Writes the example corpus `examples/cartel-posts.csv` and
//! `examples/cartel-posts.jsonl`.
//!
//! THE CORPUS IS SYNTHETIC. Every post, page, account, name, number, date and
//! link in it was invented by this program for demonstration; no post is real
//! and no page or account exists. The texts are short Spanish social-media
//! posts assembled from templates whose slots are filled at random, so that
//! the prevalence of each lexicon category is known exactly by construction:
//!
//! * 2,000 posts,
//! * 200 (10.0%) match `capability` (weapons, piles of money, drugs, luxury),
//! * 180 (9.0%) match `threats`, the rule category of `narco-es` 1.2.0
//!   "(threat_language NEAR/10 groups) OR rivalry": every threats template
//!   puts threat language within 10 words of a `{grupo}` or uses a rivalry
//!   term ("los contras", "guerra entre cárteles", "turf war", ...),
//! * 20 of those posts are in both, so the two designed counts stay 200 / 180,
//! * 60 more posts carry threat language with no group and no rivalry
//!   ("{amenaza} {emoji_t}", "Plata o plomo, tú decides", threats against
//!   the press or the police): they count for `threat_language` only,
//!
//! as in the report that motivated lexiscope (10% of the content showed guns,
//! money and drugs; 9% were threats between the CJNG, Los Zetas, the Knights
//! Templar and self-defence groups). The program asserts that no template
//! brings capability or threats into a post of another kind, and that a post
//! is designed in `threats` exactly when it has a rivalry term, or threat
//! language and a group. The other categories of the built-in
//! `narco-es` lexicon appear at modest designed rates, and the everyday posts
//! carry the lexicon's false friends ("plaza comercial", "bola de cristal",
//! "cuota de recuperación", ...) so that its exclusions are exercised.
//!
//! Both files hold THE SAME posts, in the same order (newest first):
//!
//! * `cartel-posts.csv`: CrowdTangle's Facebook export layout (UTF-8 BOM,
//!   its 40 columns in order, the text only in `Message`);
//! * `cartel-posts.jsonl`: X/Twitter API v2 tweets flattened one per line, as
//!   `twarc2` writes them (non-ASCII escaped as `\uXXXX`, like Python's
//!   `json.dumps`).
//!
//! Run: `cargo run --example make_example_corpus -- [--seed N] [--out DIR]
//! [--labels FILE]`. The default seed is 2021 and the default directory
//! `examples`. `--labels FILE` also writes the designed categories of every
//! post (the ground truth by construction) as CSV. The designed count of each
//! category is printed on stderr. Standard library only.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Number of posts in the corpus.
const N_POSTS: usize = 2000;
/// Default PRNG seed.
const DEFAULT_SEED: u64 = 2021;

/// A set of categories, one bit each.
type Mask = u16;

// Category bits, in the order of the lexicon.
const CAP: Mask = 1;
const TLG: Mask = 1 << 1;
const RIV: Mask = 1 << 2;
const THR: Mask = 1 << 3;
const GRP: Mask = 1 << 4;
const REC: Mask = 1 << 5;
const SAL: Mask = 1 << 6;
const EXT: Mask = 1 << 7;
const PRO: Mask = 1 << 8;
const CATEGORIES: [(Mask, &str); 9] = [
    (CAP, "capability"),
    (TLG, "threat_language"),
    (RIV, "rivalry"),
    (THR, "threats"),
    (GRP, "groups"),
    (REC, "recruitment"),
    (SAL, "sales"),
    (EXT, "extortion"),
    (PRO, "propaganda"),
];

// ---------------------------------------------------------------------------
// Pseudo-random numbers: SplitMix64 (Steele, Lea & Flood 2014).

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is negligible here.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Pages (all invented).

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// News outlets and citizen-alert pages.
    News,
    /// Community, music and personal pages.
    Social,
    /// Local shops.
    Commerce,
}

struct Page {
    name: &'static str,
    /// Facebook vanity name (CrowdTangle's `User Name`).
    handle: &'static str,
    /// X/Twitter username (at most 15 characters).
    x_user: &'static str,
    category: &'static str,
    style: Style,
    description: &'static str,
}

const fn page(
    name: &'static str,
    handle: &'static str,
    x_user: &'static str,
    category: &'static str,
    style: Style,
    description: &'static str,
) -> Page {
    Page {
        name,
        handle,
        x_user,
        category,
        style,
        description,
    }
}

#[rustfmt::skip]
const PAGES: &[Page] = &[
    page("Noticias del Bajío MX", "NoticiasDelBajioMX", "NotiBajioMX", "MEDIA_NEWS_COMPANY", Style::News, "Noticias de Guanajuato y el Bajío al momento."),
    page("La Voz de Tierra Caliente", "LaVozDeTierraCaliente", "VozTierraCal", "NEWS_SITE", Style::News, "La información de Tierra Caliente, sin censura."),
    page("Alerta Ciudadana Uruapan", "AlertaCiudadanaUpn", "AlertaUpn", "COMMUNITY", Style::News, "Reportes ciudadanos de Uruapan y alrededores."),
    page("Reportero Norteño 24/7", "ReporteroNorteno247", "RepNorteno247", "NEWS_SITE", Style::News, "Noticias del norte a toda hora."),
    page("El Faro de la Costa", "ElFaroDeLaCostaMx", "FaroCostaMx", "NEWSPAPER", Style::News, "Periódico digital de la costa del Pacífico."),
    page("Diario Digital Los Altos", "DiarioDigitalLosAltos", "DiarioLosAltos", "MEDIA_NEWS_COMPANY", Style::News, "Los Altos de Jalisco, todos los días."),
    page("Infórmate Reynosa Hoy", "InformateReynosaHoy", "InfoReynosaHoy", "NEWS_SITE", Style::News, "Lo que pasa en Reynosa, al instante."),
    page("Sierra Informa", "SierraInformaOficial", "SierraInforma", "MEDIA_NEWS_COMPANY", Style::News, "Noticias de la sierra y sus pueblos."),
    page("Tu Noticiero Michoacano", "TuNoticieroMichoacano", "NoticieroMich", "TV_CHANNEL", Style::News, "Noticiero independiente de Michoacán."),
    page("Crónica del Pacífico Sur", "CronicaPacificoSur", "CronicaPacSur", "NEWSPAPER", Style::News, "Crónicas y reportajes del Pacífico sur."),
    page("Alerta Vial y Más Celaya", "AlertaVialCelaya", "AlertaCelaya", "COMMUNITY", Style::News, "Reportes viales y de seguridad en Celaya."),
    page("Periodismo de a Pie Sinaloa", "PeriodismoDeAPieSin", "PeriodismoSin", "JOURNALIST", Style::News, "Periodismo local hecho a pie."),
    page("El Pregonero del Norte", "ElPregoneroDelNorte", "PregoneroNte", "NEWS_SITE", Style::News, "Noticias del noreste del país."),
    page("Radio Frontera Noticias", "RadioFronteraNoticias", "RadioFrontNot", "RADIO_STATION", Style::News, "La radio de la frontera, ahora en redes."),
    page("Corridos y Más", "CorridosYMasOficial", "CorridosYMas", "MUSICIAN_BAND", Style::Social, "Lo mejor de la música regional."),
    page("Los Compas de la Sierra", "LosCompasDeLaSierra", "CompasSierra", "PUBLIC_FIGURE", Style::Social, "Pura gente de rancho."),
    page("Memes de Rancho Oficial", "MemesDeRanchoOficial", "MemesRancho", "ENTERTAINMENT_WEBSITE", Style::Social, "Memes para la raza del rancho."),
    page("Raza Norteña Fans", "RazaNortenaFans", "RazaNortFans", "FAN_PAGE", Style::Social, "Página de fans de la música norteña."),
    page("Plebes del 21", "PlebesDel21", "PlebesDel21", "COMMUNITY", Style::Social, "Puro ambiente."),
    page("Puro Sonido Sierreño", "PuroSonidoSierreno", "SonidoSierreno", "MUSICIAN_BAND", Style::Social, "Grupo de música sierreña."),
    page("El Rincón del Compa Lalo", "ElRinconDelCompaLalo", "CompaLalo21", "PERSONAL_BLOG", Style::Social, "Puras cosas chidas."),
    page("La Banda de Apatzingán", "LaBandaDeApatzingan", "BandaApatz", "COMMUNITY", Style::Social, "Grupo de amigos de Apatzingán."),
    page("Arriba el Rancho", "ArribaElRanchoMx", "ArribaRancho", "COMMUNITY", Style::Social, "Vida de rancho."),
    page("Vecinos Unidos Colonia Centro", "VecinosUnidosCentro", "VecinosCentro", "COMMUNITY", Style::Social, "Grupo vecinal de la colonia centro."),
    page("Mamás de Zamora", "MamasDeZamora", "MamasZamora", "COMMUNITY", Style::Social, "Comunidad de mamás de Zamora."),
    page("Futbol Llanero Michoacán", "FutbolLlaneroMich", "LlaneroMich", "SPORTS_LEAGUE", Style::Social, "Resultados de la liga llanera."),
    page("Fe y Esperanza Parroquia San José", "ParroquiaSanJoseFe", "FeSanJose", "RELIGIOUS_ORGANIZATION", Style::Social, "Parroquia de San José."),
    page("Chismes y Más Culiacán", "ChismesYMasCuliacan", "ChismesCln", "COMMUNITY", Style::Social, "Lo que se dice en Culiacán."),
    page("Soy de Tierra Caliente", "SoyDeTierraCaliente", "SoyTierraCal", "COMMUNITY", Style::Social, "Orgullo calentano."),
    page("Clima y Cosas de Sonora", "ClimaYCosasSonora", "ClimaSonora", "COMMUNITY", Style::Social, "Clima y vida en Sonora."),
    page("El Compa Güero Vlogs", "ElCompaGueroVlogs", "CompaGueroVlog", "VIDEO_CREATOR", Style::Social, "Vlogs de la vida diaria."),
    page("Raíces Purépechas", "RaicesPurepechas", "RaicesPurep", "COMMUNITY", Style::Social, "Cultura y tradiciones purépechas."),
    page("Taquería Don Chuy", "TaqueriaDonChuy", "TacosDonChuy", "RESTAURANT", Style::Commerce, "Los mejores tacos al pastor."),
    page("Abarrotes La Güera", "AbarrotesLaGuera", "AbarrotesGuera", "GROCERY_STORE", Style::Commerce, "Su tienda de confianza."),
    page("Ferretería El Tornillo Feliz", "FerreteriaTornilloFeliz", "TornilloFeliz", "HARDWARE_STORE", Style::Commerce, "Todo para su obra."),
    page("Estética Lupita", "EsteticaLupitaZamora", "EsteticaLupita", "BEAUTY_SALON", Style::Commerce, "Cortes, tintes y peinados."),
    page("Taller Mecánico Hermanos Pérez", "TallerHermanosPerez", "TallerHnosPerez", "AUTOMOTIVE_REPAIR_SHOP", Style::Commerce, "Mecánica en general."),
    page("Panadería La Espiga de Oro", "PanaderiaEspigaDeOro", "EspigaDeOro", "BAKERY", Style::Commerce, "Pan artesanal todos los días."),
    page("Bienes Raíces del Valle", "BienesRaicesDelValle", "BRDelValle", "REAL_ESTATE", Style::Commerce, "Casas y terrenos en venta y renta."),
    page("Foto Estudio Momentos", "FotoEstudioMomentos", "FotoMomentos", "PHOTOGRAPHER", Style::Commerce, "Fotografía para eventos."),
];

// ---------------------------------------------------------------------------
// Slots: `{name}` in a template is replaced by one of these values. Every
// value of a slot belongs to the same categories (`mask`).

struct Slot {
    name: &'static str,
    values: &'static [&'static str],
    mask: Mask,
}

const SLOTS: &[Slot] = &[
    Slot {
        name: "lugar",
        values: &[
            "Apatzingán",
            "Uruapan",
            "Zamora",
            "Aguililla",
            "Tepalcatepec",
            "Buenavista",
            "Coalcomán",
            "Zitácuaro",
            "Culiacán",
            "Reynosa",
            "Nuevo Laredo",
            "Matamoros",
            "Celaya",
            "Irapuato",
            "Salamanca",
            "Fresnillo",
            "Iguala",
            "Chilapa",
            "Lázaro Cárdenas",
            "Guasave",
            "Los Mochis",
            "Ciudad Obregón",
            "Cuernavaca",
            "Tlaquepaque",
            "Zapopan",
            "Colima",
            "Manzanillo",
            "Tierra Caliente",
        ],
        mask: 0,
    },
    Slot {
        name: "equipo",
        values: &[
            "las Chivas",
            "el América",
            "los Tigres",
            "Rayados",
            "los Pumas",
            "Cruz Azul",
            "el Atlas",
            "Santos",
            "el Toluca",
            "los Dorados",
            "el León",
            "el Necaxa",
        ],
        mask: 0,
    },
    Slot {
        name: "negocio",
        values: &[
            "Don Chuy",
            "La Güera",
            "Hermanos Pérez",
            "Doña Mary",
            "Lupita",
            "El Flaco",
        ],
        mask: 0,
    },
    Slot {
        name: "persona",
        values: &["Lalo", "Chuy", "Beto", "Toño", "Memo", "Paco", "Nacho"],
        mask: 0,
    },
    Slot {
        name: "hora",
        values: &["5", "6", "7", "las 8 de la noche", "mediodía"],
        mask: 0,
    },
    Slot {
        name: "n",
        values: &[
            "2", "3", "4", "5", "7", "8", "10", "12", "15", "20", "25", "40",
        ],
        mask: 0,
    },
    Slot {
        name: "grupo",
        values: &[
            "el CJNG",
            "los Zetas",
            "los Caballeros Templarios",
            "los Templarios",
            "la Familia Michoacana",
            "Cárteles Unidos",
            "los Viagras",
            "el Cártel del Golfo",
            "el CDN",
            "la Chapiza",
            "la Mayiza",
            "el Cártel de Sinaloa",
            "las autodefensas",
            "la policía comunitaria",
            "la gente del Mencho",
            "los de la última letra",
            "las cuatro letras",
            "el Cártel de Santa Rosa de Lima",
            "Guerreros Unidos",
            "Los Tlacos",
            "Los Ardillos",
            "la Tropa del Infierno",
            "los Chapitos",
        ],
        mask: GRP,
    },
    Slot {
        name: "amenaza",
        values: &[
            "ya estás avisado",
            "ya están avisados",
            "quedan avisados",
            "vamos por ti",
            "vamos por todos",
            "venimos por todos",
            "la plaza tiene dueño",
            "se alinean o los alineo",
            "empezó la limpia",
            "pónganse vergas",
            "aquí mando yo",
            "plata o plomo",
            "se les va a aparecer el diablo",
            "los vamos a levantar",
        ],
        mask: TLG,
    },
    Slot {
        name: "emoji_t",
        values: &["☠️", "💀", "⚰️", "🪦"],
        mask: TLG,
    },
    Slot {
        name: "arma",
        values: &[
            "cuerno de chivo",
            "AK-47",
            "R-15",
            "AR-15",
            "Barrett",
            "Glock",
            "Águila del Desierto",
            "fusil de asalto",
            "lanzagranadas",
            "bazuca",
            "metralleta",
            "pistola de oro",
            "kalashnikov",
            "calibre 50",
            "granada de mano",
        ],
        mask: CAP,
    },
    Slot {
        name: "armas",
        values: &[
            "los cuernos de chivo",
            "los R-15",
            "los AK-47",
            "las armas largas",
            "los fusiles de asalto",
            "las granadas",
            "los fierros",
            "las metralletas",
            "las bazucas",
            "las armas de alto poder",
            "las pistolas de oro",
            "los cuernos",
            "los Barrett",
            "las armas de grueso calibre",
        ],
        mask: CAP,
    },
    Slot {
        name: "droga",
        values: &[
            "cristal",
            "fentanilo",
            "mota",
            "cocaína",
            "heroína",
            "metanfetamina",
            "tachas",
            "amapola",
            "goma de opio",
            "marihuana",
            "pastillas M30",
            "coca",
        ],
        mask: CAP,
    },
    Slot {
        name: "droga_art",
        values: &[
            "el cristal",
            "el fentanilo",
            "la mota",
            "la motita",
            "la coca",
            "la cocaína",
            "la heroína",
            "las tachas",
            "la marihuana",
            "la metanfetamina",
        ],
        mask: CAP,
    },
    Slot {
        name: "dinero",
        values: &[
            "fajos de billetes",
            "pacas de billetes",
            "pacas de dólares",
            "billetes verdes",
            "dólares en efectivo",
            "fajos de dólares",
            "pacas de dinero",
        ],
        mask: CAP,
    },
    Slot {
        name: "lujo",
        values: &[
            "Rolex",
            "Lamborghini",
            "cadena de oro",
            "reloj de oro",
            "troca blindada",
            "camioneta blindada",
            "cadenas de oro",
        ],
        mask: CAP,
    },
    Slot {
        name: "emoji_c",
        values: &["🔫", "💰", "💵", "💸", "💊", "❄️", "🍃", "🌿", "💎", "💣"],
        mask: CAP,
    },
];

/// Emoji, hashtags and mentions appended to posts: in no category.
const NEUTRAL_EMOJI: &[&str] = &[
    "🔥", "🙏", "😂", "🤣", "❤️", "👏", "🇲🇽", "😍", "🙌", "💯", "✨", "😎", "👀", "🤙",
];
const NEUTRAL_HASHTAGS: &[&str] = &[
    "#Noticias",
    "#Michoacán",
    "#Viral",
    "#ÚltimaHora",
    "#México",
    "#FelizLunes",
    "#Comunidad",
    "#Información",
    "#Sinaloa",
    "#Tamaulipas",
    "#Guanajuato",
    "#Mexico",
];
const MENTIONS: &[&str] = &[
    "@compa_chuy",
    "@la_guera23",
    "@PepeElDelTaller",
    "@reportero_mx",
    "@mary.glz",
    "@el_flaco_77",
    "@lupita_rdz",
    "@raza_norte",
];

// ---------------------------------------------------------------------------
// Templates. `mask` is added to the categories of the slots the template uses;
// `nested` lists categories whose terms the text contains only inside a longer
// term of another category (they count with `--overlap per-category` only).

struct Tpl {
    text: &'static str,
    style: Style,
    mask: Mask,
    nested: Mask,
}

const fn n(text: &'static str) -> Tpl {
    Tpl {
        text,
        style: Style::News,
        mask: 0,
        nested: 0,
    }
}

const fn s(text: &'static str) -> Tpl {
    Tpl {
        text,
        style: Style::Social,
        mask: 0,
        nested: 0,
    }
}

const fn c(text: &'static str) -> Tpl {
    Tpl {
        text,
        style: Style::Commerce,
        mask: 0,
        nested: 0,
    }
}

impl Tpl {
    const fn plus(self, mask: Mask) -> Tpl {
        Tpl {
            mask: self.mask | mask,
            ..self
        }
    }

    const fn nested(self, nested: Mask) -> Tpl {
        Tpl {
            nested: self.nested | nested,
            ..self
        }
    }
}

/// Capability display: weapons, cash, drugs, luxury. No threat terms.
const CAPABILITY: &[Tpl] = &[
    s("Puro {arma} pa' la plebe {emoji_c}{emoji_c}"),
    s("Así amanecimos hoy, con {dinero} en la mesa {emoji_c}"),
    s("Llegó {droga_art}, de la que pega duro {emoji_c}"),
    s("Estrenando {lujo}, la vida es bella compa {emoji_c}"),
    s("No es presumir pero traigo {arma} al tiro 😎"),
    s("Fin de semana de {dinero} y {lujo} 🍾"),
    s("Ya llegaron los juguetes nuevos: {armas} {emoji_c}"),
    s("Weed, tachas y buena vibra for the homies {emoji_c}"),
    s("Cosechando amapola en la sierra de {lugar} {emoji_c}"),
    s("Mi troca, mis reglas 🤙"),
    s("{dinero} recién contados, así se trabaja en {lugar} {emoji_c}"),
    s("Pa' los que dudaban: {armas}, {dinero} y {lujo}. Puro trabajo 💯"),
    s("Con {arma} y la fe en Dios, no hay miedo 🙏"),
    s("Nomás pa' que vean la colección {emoji_c}{emoji_c}{emoji_c}"),
    s("Carne asada con la plebada, música y {armas} al aire 🔥").plus(PRO),
    s("Ando bien loco con {droga} jaja {emoji_c}"),
    s("Un brindis por los que ya no están, y por {armas} que nos cuidan 🥃"),
    s("Reloj de oro, cadena de oro y la troca lavada. Domingo de flojera 😎"),
    s("Mi compa ya tiene su Lamborghini y yo sigo en camión 😂"),
    s("Lo que se ve no se pregunta {emoji_c}{emoji_c}"),
    s("Foto del recuerdo con la gente de {grupo}: puro {arma} 📸"),
    s("En la sierra puro {arma} y puro {droga} {emoji_c}"),
    s("Trae {lujo} y {arma} en la cintura, así anda el patrón"),
    s(
        "Full power: {dinero}, {lujo} y {droga_art} pa' la fiesta {emoji_c}\nLos envidiosos que se aguanten",
    ),
    n("Aseguran {n} kilos de {droga} en un domicilio de {lugar}"),
    n("Decomisan {armas} y {dinero} en un rancho de {lugar}"),
    n("Hallan un narcotanque con blindaje artesanal en {lugar}"),
    n("Detienen a sujeto con {n} dosis de {droga} en {lugar}"),
    n("Localizan laboratorio clandestino de metanfetamina en la sierra de {lugar}"),
    n("Ejército destruye {n} plantíos de amapola y marihuana en {lugar}"),
    n("Aseguran arsenal en {lugar}: {armas}, cartuchos y {dinero}"),
    n("En redes presumen {armas} y {lujo}; la fiscalía de {lugar} ya investiga"),
    n("Incautan {n} mil pastillas de fentanilo en la aduana de {lugar}"),
    n("Cae \"El Güero\" con {arma} y {dinero} en {lugar}"),
    n("Aseguran camionetas blindadas con {armas} en {lugar}, vinculadas a {grupo}"),
    n("Exhiben en TikTok {dinero} y {arma} de presunto integrante de {grupo}"),
];

/// Threats between groups (the `threats` rule): threat language within 10
/// words of a `{grupo}`, or a rivalry term. No capability terms.
const THREATS: &[Tpl] = &[
    s("Mensaje para los contras de {lugar}: {amenaza} {emoji_t}").plus(RIV),
    s("Fuera los contras de {lugar}, la plaza tiene dueño").plus(RIV | TLG),
    s("A los de {grupo}: {amenaza}. Atentamente, {grupo} {emoji_t}"),
    s("Los contras andan rondando la colonia, no salgan de noche").plus(RIV),
    s("Puros sicarios de {grupo} rondando {lugar} 👀").plus(TLG),
    s("Ya estuvo, {grupo}: vamos por todos. Esta guerra no la pidieron ustedes").plus(TLG),
    s("Las autodefensas de {lugar} advierten a {grupo}: \"{amenaza}\""),
    s("{grupo} ya está avisado: {amenaza} {emoji_t}"),
    n("Aparece narcomanta en {lugar} firmada por {grupo}").plus(TLG),
    n("Dejan narcomensaje de {grupo} junto a un puente en {lugar}: \"{amenaza}\"").plus(TLG),
    n("Hallan cuerpos encobijados y un mensaje de {grupo} en {lugar}").plus(TLG),
    n("Guerra entre cárteles en {lugar}: cierran escuelas por balaceras")
        .plus(RIV)
        .nested(GRP),
    n("{grupo} y {grupo} pelean la plaza de {lugar}; vecinos denuncian balaceras").plus(RIV),
    n("Narcopintas en bardas de {lugar} advierten a {grupo}").plus(TLG),
    n("Disputa por la plaza entre {grupo} y {grupo} deja desplazados en {lugar}").plus(RIV),
    n("Video: presuntos sicarios de {grupo} amenazan a {grupo}").plus(TLG),
    n("Calentaron la plaza en {lugar}: reportan enfrentamientos toda la noche").plus(RIV),
    s("The cartel war in {lugar} is getting worse, stay safe 🙏")
        .plus(RIV)
        .nested(GRP),
    s("Turf war en {lugar}: {grupo} contra {grupo}").plus(RIV),
    s("Les dieron piso a dos en {lugar}, dicen que eran de los contras").plus(RIV | TLG),
    n("Vecinos de {lugar} reportan narcomantas con amenazas para {grupo}").plus(TLG),
    n("{grupo} responde con otra narcomanta:\n\"{amenaza}\"").plus(TLG),
    n("Pistoleros de {grupo} irrumpen en una fiesta en {lugar}").plus(TLG),
];

/// Threat language with no group named and no rivalry term: threats aimed at
/// the public, the press or the authorities, and narco-banner wording with
/// no signature. In `threat_language` only, not in the `threats` rule.
const THREAT_LANGUAGE: &[Tpl] = &[
    s("{amenaza} {emoji_t}"),
    s("Plata o plomo, tú decides 🤷").plus(TLG),
    s("Ya saben cómo es aquí: {amenaza} {emoji_t}{emoji_t}"),
    s("Se les va a aparecer el diablo a los que anden de chapulines en {lugar}").plus(TLG),
    s("Empezó la limpia en {lugar}, pónganse vergas {emoji_t}").plus(TLG),
    s("Aquí mando yo. {amenaza} {emoji_t}").plus(TLG),
    s("Atentamente la gente nueva de {lugar}: se alinean o los alineo").plus(TLG),
    s("Policías de {lugar}, vamos por ustedes {emoji_t}").plus(TLG),
    n("Dejan narcomensaje junto a un puente en {lugar}: \"{amenaza}\"").plus(TLG),
    n("Localizan a un hombre encajuelado en la carretera a {lugar}").plus(TLG),
    n("Ajuste de cuentas en {lugar} deja tres muertos").plus(TLG),
    n("Amenazas de muerte contra periodistas de {lugar}").plus(TLG),
    n("Pistoleros irrumpen en una fiesta en {lugar}").plus(TLG),
    n("Encuentran restos desmembrados en una brecha de {lugar}").plus(TLG),
    n("Decapitado y con un mensaje: así dejaron a un joven en {lugar}").plus(TLG),
];

/// Posts in both capability and threats (threat language next to a group,
/// or rivalry).
const BOTH: &[Tpl] = &[
    s("Ya estás avisado, {grupo}: aquí sobran {armas} {emoji_t}").plus(TLG),
    s("{amenaza}, {grupo}: con {armas} los estamos esperando {emoji_c}{emoji_t}"),
    n("Dejan narcomensaje de {grupo} y {dinero} sobre un cuerpo en {lugar}").plus(TLG),
    n("Sicarios de {grupo} presumen {armas} en video").plus(TLG),
    s("A los contras: {amenaza}. Puro {arma} {emoji_c}").plus(RIV),
    s("Dicen que {grupo} les dieron piso a los que vendían {droga} sin permiso en {lugar}")
        .plus(TLG),
    n("Enfrentamiento en {lugar}: pistoleros de {grupo} con {armas} toman el pueblo").plus(TLG),
    n("Video viral: encapuchados con {armas} leen un narcomensaje contra {grupo}").plus(TLG),
];

const RECRUITMENT: &[Tpl] = &[
    s("Se buscan jóvenes, sueldo semanal de {n} mil, info inbox 📩"),
    s("Ocupo gente con ganas de trabajar para la empresa 4 letras, pasaje pagado").plus(GRP),
    s("Trabajo de halcón, solo vigilar la esquina, {n} mil a la semana"),
    s("Ocupamos personal para {lugar}, sueldo semanal, no se necesita experiencia"),
    s("Reclutamiento abierto 💪 forma parte de nuestra familia, manda DM"),
    s("¿Ganas de salir de la pobreza? Mándame mensaje 📲"),
    n("Denuncian reclutamiento forzado de jóvenes en {lugar}"),
    s("Se solicitan halcones y punteros para la zona de {lugar}"),
    n("Alertan por reclutamiento de menores en redes sociales en {lugar}"),
    n("Hallan campo de adiestramiento en el cerro de {lugar}"),
    n("Pagan {n} mil pesos a la semana por halconear en {lugar}"),
    s("Se buscan sicarios, buen pago, info por privado").nested(TLG),
    s("Trabajar como sicario no es vida, mijo").nested(TLG),
];

const SALES: &[Tpl] = &[
    n("Cerraron tres narcotienditas en {lugar}"),
    s("El narcomenudeo creció en la colonia y nadie hace nada"),
    s("Droga a domicilio en moto, pedidos por WhatsApp"),
    s("Who is the plug? 🔌"),
    n("Detienen a vendedor de drogas afuera de la prepa en {lugar}"),
    n("Tráfico de armas desde Estados Unidos alimenta la violencia en {lugar}"),
    s("Abrieron un punto de venta de drogas frente a la escuela, ¿y la policía?"),
    n("Catean un picadero en el centro de {lugar}"),
    s("Se vende mota, pregunta por inbox 📩").nested(CAP),
    s("Vendo cristal, entrega en el centro").nested(CAP),
    n("Venta de fentanilo por redes sociales preocupa a autoridades de {lugar}").nested(CAP),
    s("trap house full of pushers lol"),
];

const EXTORTION: &[Tpl] = &[
    s("Nos cobran piso cada semana en el mercado de {lugar}"),
    s("Si no pagas la cuota te quemamos el negocio"),
    n("El cobro de piso a comerciantes de {lugar} aumentó este año"),
    n("Denuncian extorsión telefónica a maestros de {lugar}"),
    s("Me llamaron para una extorción, cuidado raza"),
    n("Sufrió un levantón afuera de su casa en {lugar}"),
    s("Cuidado con el secuestro virtual, no contesten números raros"),
    s("Préstamos gota a gota: te cobran el triple"),
    s("El derecho de piso ya es impuesto de la maña").plus(GRP),
    n("Los extorsionadores amenazaron a la tienda de la esquina"),
    s("La renteada ya nos tiene ahorcados en {lugar}"),
    n("Les cobran cuota a los taxistas de {lugar} o les queman la unidad"),
    s("Negocio que no paga piso lo cierran, así está {lugar}"),
    n("Tortilleros de {lugar} cierran por extorsiones de {grupo}"),
];

const PROPAGANDA: &[Tpl] = &[
    s("Puro corrido tumbado y belicón pa' la plebada 🎶"),
    s("Poniendo narcocorridos en la peda 🍻"),
    s("Le prendí una veladora a Malverde 🙏"),
    s("Altar a la Santa Muerte en la sala, bien bonito"),
    s("Las buchonas llegaron a la fiesta 💅"),
    s("La narcocultura en las series de Netflix, ¿qué opinan?"),
    n("Prohíben los corridos bélicos en los palenques de {lugar}"),
    c("Gorra Chapo 701 original, envíos a todo México").plus(GRP),
    s("La narcoserie más vista del año ya tiene segunda temporada"),
    s("Estrenan la tercera temporada de La Reina del Sur"),
    s("Movimiento alterado forever 🤘"),
    n("Narcotumbas en el panteón de {lugar}, parecen mansiones"),
    s("Puro JGL, puro 701 compa").plus(GRP),
    n("El santo de los narcos tiene su capilla en Culiacán"),
];

const GROUPS: &[Tpl] = &[
    n("Detienen a presunto jefe de plaza de {grupo} en {lugar}"),
    n("{grupo} y {grupo} se reparten {lugar}, según un informe"),
    n("Extraditan a Estados Unidos a operador de {grupo}"),
    n("Gobierno federal reconoce presencia de {grupo} en {lugar}"),
    n("Cae \"El Chuy\", presunto operador de {grupo}, en {lugar}"),
    n("Informe de inteligencia ubica a {grupo} en al menos {n} municipios"),
    n("Capturan a un capo de {grupo} en {lugar}"),
    n("Entrevista: así nacieron las autodefensas en Tierra Caliente"),
    n("La DEA ofrece recompensa por un líder de {grupo}"),
    n("Mayiza y Chapiza: las dos caras del Cártel de Sinaloa"),
];

/// Everyday posts carrying the lexicon's false friends: in no category.
const FALSE_FRIENDS: &[Tpl] = &[
    s("Nos vemos en la plaza comercial a las {hora} 🛍️"),
    s("Hay que tomar el toro por los cuernos con este proyecto 💪"),
    s("Le puso los cuernos con su mejor amiga 😱 ya se supo todo"),
    s("En la feria de {lugar} venden el cuerno de la abundancia para la buena suerte 🍀"),
    c("Receta: pan de elote con polvo para hornear y canela 🌽"),
    s("Té de hierbabuena para la panza, remedio de la abuela 🍵"),
    c("Tamales de hierba santa, pedidos al inbox"),
    s("Un té de hierba buena y a dormir"),
    s("Quitando la mala hierba del jardín ☀️"),
    s("Curso de repostería: favor de pagar la cuota de recuperación en caja"),
    s("Pagamos la cuota sindical cada quincena y ni caso nos hacen"),
    s("Viajamos por la carretera de cuota a {lugar}, casetas carísimas"),
    s("Me tomé una Coca-Cola bien fría ☀️"),
    s("Nadie tiene una bola de cristal para saber qué pasará con la economía"),
    c("Se rentan vasos de cristal y copas de cristal para eventos"),
    c("Ya vendimos los fierros viejos del taller"),
    s("Le cayó una mota de polvo al ojo y lloró toda la misa 😂"),
    n("Hay que ver los pros y contras de la propuesta del cabildo de {lugar}"),
    n("\"Aquí manda el pueblo\", dijo el presidente municipal de {lugar}"),
    s("Hay que dar piso parejo a todos los comerciantes del tianguis"),
    s("Ya salió el cartel de la feria de {lugar} 🎡"),
    c("La maña del mecánico para arreglar el carro sin gastar"),
    n("Los halcones del 71 reprimieron a los estudiantes, no se olvida"),
    s("Instalaron riego por goteo en la parcela, ahorra mucha agua 💧"),
    s("Fuimos a nadar en Las Estacas, Morelos 🏊"),
    s("Las tienditas de la esquina venden refrescos más caros"),
    s("Aprendí a montar en el picadero de caballos del rancho 🐴"),
    s("Mi abuela es nuestra heroína de la casa ❤️"),
    s("Paseo por la Plaza de Armas de {lugar} 🇲🇽"),
    n("Instalaron puertas de cristal templado en la central de autobuses de {lugar}"),
    n("Hay que darle un levantón a la economía de {lugar}"),
    c("Compré unos cuernitos en la panadería ☕"),
    s("¿Cuál es una palabra de cuatro letras que empieza con P?"),
    s("La Z es la última letra del abecedario, dice mi hijo 😂"),
    n("El IMSS recibe cuotas obrero patronales de {n} mil empresas"),
    s("Mi hija ya es de la generación de cristal jaja"),
    n("Se rompió el techo de cristal: primera alcaldesa de {lugar}"),
    c("Cartel del festival de la cerveza de {lugar} ya disponible 🍺"),
    n("Suben las cuotas de importación al acero"),
    s("Instalaron riego gota a gota en la parcela"),
    s("Josefina Vázquez Mota dio un discurso en {lugar}"),
    c("Chiles en nogada con granada y nuez, apártelos ya 🇲🇽"),
    n("Abrieron reclutamiento de médicos especialistas en {lugar}"),
    s("Hoy toca reta en la Plaza de Toros, ¿quién se apunta?"),
];

/// Everyday posts: news, football, weather, food, family, church, commerce.
const EVERYDAY: &[Tpl] = &[
    s("¡Golazo de {equipo}! Qué partidazo ⚽🔥"),
    s("{equipo} contra {equipo} este sábado, ¿quién gana?"),
    s("Ya ni la amuelan, {equipo} perdió otra vez 🤦"),
    s("Se armó la reta en la unidad deportiva de {lugar} ⚽"),
    n("Convocatoria: torneo de futbol infantil en {lugar}, inscripciones abiertas"),
    s("Who else is watching the game tonight? Vamos {equipo} 🔥"),
    n("Se esperan lluvias fuertes en {lugar} esta tarde ⛈️"),
    s("Qué calor hace en {lugar}, 40 grados a la sombra ☀️🥵"),
    n("Frente frío número {n}: bajan las temperaturas en {lugar} 🥶"),
    n("Alerta por granizo en la zona alta de {lugar}"),
    n("Inauguran nuevo hospital en {lugar} 🏥"),
    n("Reparan baches en la avenida principal de {lugar}, ya era hora"),
    n("Corte de agua programado en colonias de {lugar} este martes"),
    n("Abren convocatoria de becas para estudiantes de {lugar}"),
    n("Accidente en la carretera a {lugar}, tomen precauciones 🚧"),
    n("Feria del libro en {lugar} del {n} al 30 de este mes"),
    n("Campaña de vacunación en el centro de salud de {lugar} 🏥"),
    n("Elecciones 2021: así votó {lugar}"),
    n("Bloqueo de transportistas en la entrada a {lugar}, mejor tomen otra ruta"),
    n("Aumenta el precio de la tortilla en {lugar} 😤"),
    n("Nuevo puente vehicular en {lugar} listo para diciembre"),
    n("Los precios del gas LP suben otra vez en {lugar}"),
    n("Jornada de limpieza en el río de {lugar}, participa 🌎"),
    c("Se solicita personal de limpieza, sueldo quincenal, informes al inbox"),
    c("Ofrecemos sueldo quincenal y prestaciones de ley, vacante en {lugar}"),
    s("Hoy hay pozole en casa de la abuela 🍲"),
    c("Tacos al pastor a 10 pesos en la plaza de {lugar} 🌮"),
    c("Comida a domicilio, pedidos por WhatsApp 📲"),
    s("Ya hay elotes asados en la esquina del jardín 🌽"),
    c("Aguacate de {lugar} de exportación, calidad premium 🥑"),
    c("Se vende pan de muerto casero, encargos al inbox 🍞"),
    c("Barbacoa los domingos, pregunte por los precios 🐑"),
    s("Feliz cumpleaños a mi mamá, te amo mucho ❤️🎂"),
    s("Mi hijo se graduó de la prepa, orgullosa 🎓"),
    s("Qué bonito es pasar el domingo en familia 🙏"),
    s("Extraño a mi abuelito, un año sin ti 🕊️"),
    s("Bautizo de mi sobrina en {lugar}, qué hermosa fiesta"),
    s("Se busca perrito perdido en la colonia centro de {lugar}, responde a Firulais 🐶"),
    s("Misa de las 7 en la parroquia de San José, los esperamos ⛪"),
    s("Peregrinación a la Basílica desde {lugar}, salimos el viernes 🙏"),
    s("Fiestas patronales de {lugar}: castillo, banda y jaripeo 🎆"),
    s("Bendiciones para todos en este día 🙏✨"),
    c("Se vende casa en el centro de {lugar}, informes por inbox"),
    c("Ofertas en la ferretería: cemento, varilla y pintura 🛠️"),
    c("Se renta local comercial en {lugar}, excelente ubicación"),
    c("Taller mecánico {negocio}: afinaciones, frenos y suspensión 🔧"),
    c("Estética {negocio}: corte y peinado a domicilio 💇"),
    c("Abarrotes {negocio}: surtimos pedidos al mayoreo"),
    c("Se venden piezas de auto usadas, pregunte sin compromiso"),
    c("Mercancía nueva en la tienda, vengan 🛍️"),
    c("Clases de inglés en línea, grupos reducidos 📚"),
    c("Fotografía para XV años y bodas, agenda tu fecha 📸"),
    s("Rifa de una bici para ayudar a doña Lupe, boletos a 20 pesos 🙏"),
    s("Nmms qué tráfico hay en {lugar} hoy 😩"),
    s("Good vibes only este fin de semana 😎🍺"),
    s("Alv se fue la luz otra vez en {lugar} 🤦"),
    s("Que alguien me explique la tarea de mate 😭"),
    s("La neta el mejor lugar para comer en {lugar} es la fonda de doña Mary"),
    s("Buenos días {lugar}, a darle con todo este lunes 💪"),
    s("Ya llegó la temporada de mango en {lugar} 🥭"),
    s("Fui al baile en {lugar} y estuvo increíble 🎶"),
    n("Concierto gratis en la explanada de {lugar} este viernes 🎸"),
    s("Mi perro se comió mis zapatos otra vez 😂🐶"),
    s("Se me ponchó la llanta de la camioneta en plena carretera 🙄"),
    c("Bazar navideño en {lugar}, vengan a apoyar el comercio local 🎄"),
    s("Posada en la colonia, traigan su taza para el ponche ☕"),
    s("Día de muertos: altar en la escuela de mis hijos 🏵️"),
    n("Carrera atlética 5K en {lugar}, inscripciones abiertas 🏃"),
    n("Cine al aire libre en el jardín principal de {lugar} 🍿"),
    s("Alguien sabe si hay consulta hoy en el centro de salud de {lugar}?"),
    s("Quién para unas cheves al rato? 🍻"),
    s("Happy birthday a mi compa {persona}, que se la pase chido 🎉"),
];

/// A kind of post: its templates, the categories they all share, and how many
/// posts of that kind the corpus holds (exact).
struct Kind {
    name: &'static str,
    templates: &'static [Tpl],
    mask: Mask,
    count: usize,
}

const KINDS: &[Kind] = &[
    Kind {
        name: "capability + threats",
        templates: BOTH,
        mask: CAP | THR,
        count: 20,
    },
    Kind {
        name: "capability",
        templates: CAPABILITY,
        mask: CAP,
        count: 180,
    },
    Kind {
        name: "threats",
        templates: THREATS,
        mask: THR,
        count: 160,
    },
    Kind {
        name: "threat language (no group)",
        templates: THREAT_LANGUAGE,
        mask: TLG,
        count: 60,
    },
    Kind {
        name: "recruitment",
        templates: RECRUITMENT,
        mask: REC,
        count: 60,
    },
    Kind {
        name: "sales",
        templates: SALES,
        mask: SAL,
        count: 50,
    },
    Kind {
        name: "extortion",
        templates: EXTORTION,
        mask: EXT,
        count: 70,
    },
    Kind {
        name: "propaganda",
        templates: PROPAGANDA,
        mask: PRO,
        count: 60,
    },
    Kind {
        name: "groups (news)",
        templates: GROUPS,
        mask: GRP,
        count: 70,
    },
    Kind {
        name: "false friends",
        templates: FALSE_FRIENDS,
        mask: 0,
        count: 220,
    },
    Kind {
        name: "everyday",
        templates: EVERYDAY,
        mask: 0,
        count: 1050,
    },
];

// ---------------------------------------------------------------------------
// Building a post.

/// A filled template: text and designed categories.
struct Filled {
    text: String,
    /// Categories the post matches (default leftmost-longest overlap).
    mask: Mask,
    /// Categories it matches with `--overlap per-category`.
    per_category: Mask,
    /// First place named in the text, for a hashtag.
    place: Option<&'static str>,
}

fn fill(tpl: &Tpl, rng: &mut Rng) -> Filled {
    let mut text = String::new();
    let mut mask = tpl.mask;
    let mut place = None;
    let mut used: Vec<&str> = Vec::new();
    let mut rest = tpl.text;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("unclosed slot in a template");
        let name = &rest[open + 1..close];
        let slot = SLOTS
            .iter()
            .find(|slot| slot.name == name)
            .unwrap_or_else(|| panic!("unknown slot {{{name}}}"));
        // The same slot twice in a template gets two different values
        // (emoji may repeat).
        let value = loop {
            let v = *rng.pick(slot.values);
            if name.starts_with("emoji") || !used.contains(&v) {
                break v;
            }
        };
        used.push(value);
        if name == "lugar" && place.is_none() {
            place = Some(value);
        }
        mask |= slot.mask;
        text.push_str(value);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    // Spanish contractions when a slot value starts with the article "el".
    let text = text.replace(" de el ", " del ").replace(" a el ", " al ");
    Filled {
        text: capitalize(&text),
        mask,
        per_category: mask | tpl.nested,
        place,
    }
}

/// Whether a post with these categories is in the `threats` rule: a rivalry
/// term, or threat language and a group (the window is the template's job).
fn rule_threats(mask: Mask) -> bool {
    mask & RIV != 0 || mask & (TLG | GRP) == TLG | GRP
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Neutral decorations: a mention, emoji, hashtags, a "more" line.
fn decorate(text: &mut String, style: Style, place: Option<&str>, rng: &mut Rng) {
    match style {
        Style::News => {
            if let Some(place) = place.filter(|_| rng.chance(0.5)) {
                let tag: String = place.chars().filter(|c| !c.is_whitespace()).collect();
                text.push_str(" #");
                text.push_str(&tag);
            }
            if rng.chance(0.25) {
                let tag = *rng.pick(NEUTRAL_HASHTAGS);
                text.push(' ');
                text.push_str(tag);
            }
            if rng.chance(0.2) {
                text.push_str("\n\nMás información en el enlace 👇");
            }
        }
        Style::Social => {
            if rng.chance(0.15) {
                *text = format!("{} {text}", rng.pick(MENTIONS));
            }
            if rng.chance(0.3) {
                let emoji = *rng.pick(NEUTRAL_EMOJI);
                text.push(' ');
                text.push_str(emoji);
            }
            if rng.chance(0.2) {
                let tag = *rng.pick(NEUTRAL_HASHTAGS);
                text.push(' ');
                text.push_str(tag);
            }
        }
        Style::Commerce => {
            if rng.chance(0.3) {
                text.push_str("\nWhatsApp 55 1234 5678");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Dates (proleptic Gregorian; days counted from 1970-01-01).

/// Days from 1970-01-01 to y-m-d (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// y-m-d of a day count (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Sunday = 0.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Central Mexico summer time in 2020-2021: from the first Sunday of April to
/// the last Sunday of October (decided by date; posts are never made between
/// midnight and 3 a.m. here, so the changeover hour does not matter).
fn is_summer_time(days: i64) -> bool {
    let (y, _, _) = civil_from_days(days);
    let april = days_from_civil(y, 4, 1);
    let first_sunday = april + (7 - weekday(april)) % 7;
    let oct_end = days_from_civil(y, 10, 31);
    let last_sunday = oct_end - weekday(oct_end);
    (first_sunday..last_sunday).contains(&days)
}

/// A moment, as local time in Mexico's Central zone.
#[derive(Clone, Copy)]
struct Moment {
    /// Seconds since 1970-01-01 00:00 UTC.
    utc: i64,
    /// Seconds since 1970-01-01 00:00, local wall clock.
    local: i64,
    zone: &'static str,
}

impl Moment {
    fn from_local(local: i64) -> Moment {
        let summer = is_summer_time(local.div_euclid(86_400));
        let (zone, offset_hours) = if summer { ("CDT", 5) } else { ("CST", 6) };
        Moment {
            utc: local + offset_hours * 3600,
            local,
            zone,
        }
    }
}

fn date_time(secs: i64) -> (String, String) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60),
    )
}

// ---------------------------------------------------------------------------
// The corpus.

struct Post {
    text: String,
    mask: Mask,
    per_category: Mask,
    page: usize,
    when: Moment,
    post_type: &'static str,
    fb_post_id: u64,
    tweet_id: u64,
    likes: u64,
    comments: u64,
    shares: u64,
    love: u64,
    wow: u64,
    haha: u64,
    sad: u64,
    angry: u64,
    care: u64,
    views: u64,
    video_secs: u64,
    overperforming: f64,
}

/// Audience of each page: followers on 2020-01-01 and yearly growth.
struct Audience {
    followers: u64,
    growth: f64,
    page_id: u64,
    x_id: u64,
    created: i64,
}

fn audiences(rng: &mut Rng) -> Vec<Audience> {
    PAGES
        .iter()
        .map(|_| Audience {
            followers: rng.range(3_000, 900_000),
            growth: 0.05 + rng.unit() * 0.5,
            page_id: rng.range(100_000_000_000_000, 110_999_999_999_999),
            x_id: rng.range(700_000_000_000_000_000, 1_300_000_000_000_000_000),
            created: days_from_civil(2009, 1, 1) * 86_400 + rng.below(9 * 365 * 86_400) as i64,
        })
        .collect()
}

/// Twitter's epoch for snowflake ids (2010-11-04T01:42:54.657Z), in ms.
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;

fn build(seed: u64) -> (Vec<Post>, Vec<Audience>) {
    let mut rng = Rng(seed);
    let audience = audiences(&mut rng);
    let start = days_from_civil(2020, 1, 1);
    let end = days_from_civil(2022, 1, 1);

    let mut plan: Vec<&Kind> = KINDS
        .iter()
        .flat_map(|k| std::iter::repeat_n(k, k.count))
        .collect();
    assert_eq!(plan.len(), N_POSTS, "kind counts must add up to N_POSTS");
    rng.shuffle(&mut plan);

    let mut posts: Vec<Post> = plan
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let tpl = rng.pick(kind.templates);
            let mut filled = fill(tpl, &mut rng);
            filled.mask |= kind.mask;
            filled.per_category |= kind.mask;
            // The designed capability and threats counts are exact only if
            // no template of another kind brings one of them in.
            assert_eq!(
                filled.mask & (CAP | THR),
                kind.mask & (CAP | THR),
                "template of kind {} has the wrong categories: {}",
                kind.name,
                tpl.text
            );
            // `threats` is the rule "(threat_language NEAR/10 groups) OR
            // rivalry": a post is designed in it exactly when it has a
            // rivalry term, or threat language and a group (which the
            // templates of the threats kinds keep within 10 words, and the
            // other kinds never combine).
            assert_eq!(
                filled.mask & THR != 0,
                rule_threats(filled.mask),
                "template of kind {} breaks the threats rule: {}",
                kind.name,
                tpl.text
            );
            if rule_threats(filled.per_category) {
                filled.per_category |= THR;
            }
            let mut text = filled.text;
            decorate(&mut text, tpl.style, filled.place, &mut rng);

            let pages: Vec<usize> = (0..PAGES.len())
                .filter(|&p| PAGES[p].style == tpl.style)
                .collect();
            let page = *rng.pick(&pages);

            let day = start + rng.below((end - start) as u64) as i64;
            let local = day * 86_400 + rng.range(7 * 3600, 23 * 3600 + 3599) as i64;
            let when = Moment::from_local(local);

            // News pages mostly share links; the others post photos and videos.
            let roll = rng.below(20);
            let post_type = if tpl.style == Style::News {
                match roll {
                    0..=9 => "Link",
                    10..=15 => "Photo",
                    16..=18 => "Video",
                    _ => "Status",
                }
            } else {
                match roll {
                    0..=8 => "Photo",
                    9..=12 => "Video",
                    13..=18 => "Status",
                    _ => "Link",
                }
            };

            let a = &audience[page];
            let years = (when.utc - start * 86_400) as f64 / (365.25 * 86_400.0);
            let followers = (a.followers as f64 * (1.0 + a.growth * years)) as u64;
            // Heavy-tailed reach: most posts get little, a few go viral.
            let reach = (followers as f64 * 0.05 * rng.unit().powi(6)) as u64 + 1;
            let mut part = |share: f64| (reach as f64 * share * (0.5 + rng.unit())) as u64;
            let likes = part(0.55);
            let comments = part(0.12);
            let shares = part(0.10);
            let love = part(0.08);
            let wow = part(0.03);
            let haha = part(0.04);
            let sad = part(0.03);
            let angry = part(0.03);
            let care = part(0.02);
            let (views, video_secs) = if post_type == "Video" {
                (reach * rng.range(5, 40), rng.range(8, 600))
            } else {
                (0, 0)
            };
            let ms = when.utc * 1000 + rng.below(1000) as i64;
            Post {
                text,
                mask: filled.mask,
                per_category: filled.per_category,
                page,
                when,
                post_type,
                fb_post_id: 10_157_000_000_000_000 + i as u64 * 1_000_003 + rng.below(1_000_000),
                tweet_id: (((ms - TWITTER_EPOCH_MS) as u64) << 22) | rng.below(1 << 22),
                likes,
                comments,
                shares,
                love,
                wow,
                haha,
                sad,
                angry,
                care,
                views,
                video_secs,
                overperforming: (rng.unit() * 20.0 - 6.0).max(-5.0),
            }
        })
        .collect();
    // Newest first, as CrowdTangle and the X search API return them.
    posts.sort_by(|a, b| {
        b.when
            .utc
            .cmp(&a.when.utc)
            .then(b.tweet_id.cmp(&a.tweet_id))
    });
    (posts, audience)
}

// ---------------------------------------------------------------------------
// Writers.

/// Integer with the thousands separator of Mexican Spanish pages ("1.234").
fn thousands(value: u64) -> String {
    let mut groups = Vec::new();
    let mut rest = value;
    while rest >= 1000 {
        groups.push(format!("{:03}", rest % 1000));
        rest /= 1000;
    }
    groups.push(rest.to_string());
    groups.reverse();
    groups.join(".")
}

fn csv_field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// A JSON string as Python's `json.dumps` writes it (`ensure_ascii`).
fn json_string(out: &mut String, value: &str) {
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(ch),
            _ => {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

const CSV_HEADER: &str = "Page Name,User Name,Facebook Id,Page Category,Page Admin Top Country,\
Page Description,Page Created,Likes at Posting,Followers at Posting,Post Created,\
Post Created Date,Post Created Time,Type,Total Interactions,Likes,Comments,Shares,Love,Wow,Haha,\
Sad,Angry,Care,Video Share Status,Is Video Owner?,Post Views,Total Views,\
Total Views For All Crossposts,Video Length,URL,Message,Link,Final Link,Image Text,Link Text,\
Description,Sponsor Id,Sponsor Name,Sponsor Category,Overperforming Score (weighted  —  \
Likes 1x Shares 1x Comments 1x Love 1x Wow 1x Haha 1x Sad 1x Angry 1x Care 1x )";

fn write_csv(path: &Path, posts: &[Post], audience: &[Audience]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    w.write_all("\u{feff}".as_bytes())?;
    writeln!(w, "{CSV_HEADER}")?;
    let start = days_from_civil(2020, 1, 1) * 86_400;
    let mut line = String::new();
    for post in posts {
        let page = &PAGES[post.page];
        let a = &audience[post.page];
        let years = (post.when.utc - start) as f64 / (365.25 * 86_400.0);
        let followers = (a.followers as f64 * (1.0 + a.growth * years)) as u64;
        let (date, time) = date_time(post.when.local);
        let (created_date, created_time) = date_time(a.created);
        let total = post.likes
            + post.comments
            + post.shares
            + post.love
            + post.wow
            + post.haha
            + post.sad
            + post.angry
            + post.care;
        let url = format!(
            "https://www.facebook.com/{}/posts/{}",
            page.handle, post.fb_post_id
        );
        let is_video = post.post_type == "Video";
        let link = match post.post_type {
            "Link" => format!(
                "https://{}.example/nota/{}",
                page.handle.to_lowercase(),
                post.fb_post_id % 1_000_000
            ),
            "Photo" => format!(
                "https://www.facebook.com/{}/photos/a.{}/{}/",
                page.handle,
                a.page_id % 10_000_000,
                post.fb_post_id
            ),
            "Video" => format!(
                "https://www.facebook.com/{}/videos/{}/",
                page.handle, post.fb_post_id
            ),
            _ => String::new(),
        };
        let views = if is_video {
            post.views.to_string()
        } else {
            "0".to_string()
        };
        let fields: [String; 40] = [
            page.name.to_string(),
            page.handle.to_string(),
            a.page_id.to_string(),
            page.category.to_string(),
            "MX".to_string(),
            page.description.to_string(),
            format!("{created_date} {created_time}"),
            (followers * 9 / 10).to_string(),
            followers.to_string(),
            format!("{date} {time} {}", post.when.zone),
            date,
            time,
            post.post_type.to_string(),
            thousands(total),
            post.likes.to_string(),
            post.comments.to_string(),
            post.shares.to_string(),
            post.love.to_string(),
            post.wow.to_string(),
            post.haha.to_string(),
            post.sad.to_string(),
            post.angry.to_string(),
            post.care.to_string(),
            if is_video {
                "owned".to_string()
            } else {
                String::new()
            },
            if is_video {
                "Yes".to_string()
            } else {
                "-".to_string()
            },
            views.clone(),
            views.clone(),
            views,
            if is_video {
                let t = post.video_secs;
                format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
            } else {
                String::new()
            },
            url,
            post.text.clone(),
            link.clone(),
            if post.post_type == "Link" {
                link
            } else {
                String::new()
            },
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("{:.2}", post.overperforming),
        ];
        line.clear();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            csv_field(&mut line, field);
        }
        line.push('\n');
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

fn write_jsonl(path: &Path, posts: &[Post], audience: &[Audience]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    let mut line = String::new();
    for post in posts {
        let page = &PAGES[post.page];
        let a = &audience[post.page];
        let (date, time) = date_time(post.when.utc);
        let ms = (post.tweet_id >> 22) as i64 + TWITTER_EPOCH_MS;
        line.clear();
        let _ = write!(line, "{{\"id\": \"{}\", \"text\": ", post.tweet_id);
        json_string(&mut line, &post.text);
        let _ = write!(
            line,
            ", \"author_id\": \"{}\", \"created_at\": \"{date}T{time}.{:03}Z\", \"lang\": \"es\", \
             \"public_metrics\": {{\"retweet_count\": {}, \"reply_count\": {}, \"like_count\": {}, \
             \"quote_count\": {}}}, \"author\": {{\"id\": \"{}\", \"username\": ",
            a.x_id,
            ms.rem_euclid(1000),
            post.shares,
            post.comments,
            post.likes + post.love + post.care,
            post.shares / 8,
            a.x_id,
        );
        json_string(&mut line, page.x_user);
        line.push_str(", \"name\": ");
        json_string(&mut line, page.name);
        line.push_str("}}\n");
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

/// Designed categories of every post, aligned with both files (row 1 = the
/// first post).
fn write_labels(path: &Path, posts: &[Post]) -> io::Result<()> {
    let names = |mask: Mask| {
        CATEGORIES
            .iter()
            .filter(|(bit, _)| mask & bit != 0)
            .map(|(_, name)| *name)
            .collect::<Vec<_>>()
            .join(";")
    };
    let mut w = BufWriter::new(File::create(path)?);
    writeln!(
        w,
        "row,facebook_url_post_id,tweet_id,categories,categories_per_category_overlap"
    )?;
    for (i, post) in posts.iter().enumerate() {
        writeln!(
            w,
            "{},{},{},{},{}",
            i + 1,
            post.fb_post_id,
            post.tweet_id,
            names(post.mask),
            names(post.per_category)
        )?;
    }
    w.flush()
}

// ---------------------------------------------------------------------------

struct Args {
    seed: u64,
    out: PathBuf,
    labels: Option<PathBuf>,
}

const USAGE: &str = "usage: make_example_corpus [--seed N] [--out DIR] [--labels FILE]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        seed: DEFAULT_SEED,
        out: PathBuf::from("examples"),
        labels: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--seed" => {
                let v = value("--seed")?;
                args.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--out" => args.out = PathBuf::from(value("--out")?),
            "--labels" => args.labels = Some(PathBuf::from(value("--labels")?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument: {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn summary(posts: &[Post], args: &Args) {
    let count = |bit: Mask, per_category: bool| {
        posts
            .iter()
            .filter(|p| (if per_category { p.per_category } else { p.mask }) & bit != 0)
            .count()
    };
    let total = posts.len() as f64;
    eprintln!(
        "make_example_corpus: {} SYNTHETIC posts (seed {}) written to {}",
        posts.len(),
        args.seed,
        args.out.join("cartel-posts.{csv,jsonl}").display()
    );
    eprintln!("designed posts per category (default overlap; --overlap per-category):");
    for (bit, name) in CATEGORIES {
        let designed = count(bit, false);
        eprintln!(
            "  {name:<16} {designed:>5}  {:>5.1}%   ({})",
            designed as f64 / total * 100.0,
            count(bit, true)
        );
    }
    let both = posts
        .iter()
        .filter(|p| p.mask & (CAP | THR) == CAP | THR)
        .count();
    let any = posts.iter().filter(|p| p.mask != 0).count();
    eprintln!("  capability and threats together: {both}; any category: {any}");
}

fn run(args: &Args) -> io::Result<()> {
    let (posts, audience) = build(args.seed);
    fs::create_dir_all(&args.out)?;
    write_csv(&args.out.join("cartel-posts.csv"), &posts, &audience)?;
    write_jsonl(&args.out.join("cartel-posts.jsonl"), &posts, &audience)?;
    if let Some(labels) = &args.labels {
        write_labels(labels, &posts)?;
    }
    summary(&posts, args);
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("make_example_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}
