package com.example.web;

/** Part of the shop. */
public class Web {
    public String name() {
        return "shop-web";
    }
}
